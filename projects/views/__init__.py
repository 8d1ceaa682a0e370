"""HTTP in, permission or service call, template out: one module per part of the projects app."""
