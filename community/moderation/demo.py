"""Demo data for this app; see community/management/commands/seed_demo.py."""


def seed(stdout):
    pass
