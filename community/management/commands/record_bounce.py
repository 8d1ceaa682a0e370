"""Stop e-mailing addresses the mail server reported as bouncing (when no webhook is set up)."""

from django.core.management.base import BaseCommand

from community.digests import record_bounce


class Command(BaseCommand):
    help = "Mark e-mail addresses as bouncing: digests, reminders and notices stop going to them."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="+", help="The addresses that bounced.")

    def handle(self, *args, emails, **options):
        for email in emails:
            self.stdout.write(f"{email}: {record_bounce(email)} account(s) marked")
