from django.core.management.base import BaseCommand

from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the site address and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(f"Teacher Commons: http://{options['host']}:{options['port']}/")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, email in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<11} {email}")
        from projects.demo import DEMO_PUPIL_CARD, DEMO_PUPIL_CLASS_CODE
        from projects.models import PupilClass

        if PupilClass.objects.filter(code=DEMO_PUPIL_CLASS_CODE).exists():
            self.stdout.write(
                f"  {'pupil':<11} class code {DEMO_PUPIL_CLASS_CODE}, card {DEMO_PUPIL_CARD}"
                " (sign in at /en/projects/pupils/sign-in/)"
            )
        self.stdout.write("")
