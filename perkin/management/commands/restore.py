"""`python manage.py restore FOLDER --yes`: replaces the database (DATABASE_URL) and the
evidence files (MEDIA_ROOT) by a backup made with `manage.py backup`. Stop the web server and
the workers first; run `manage.py migrate` afterwards when the code is newer than the backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perkin.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restores the database and the evidence files from a backup folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by manage.py backup")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current data without asking"
        )

    def handle(self, *args, folder, yes, **options):
        if not yes:
            raise CommandError(
                "restore replaces the database and MEDIA_ROOT; repeat with --yes to go ahead"
            )
        try:
            manifest = restore(Path(folder))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored the backup of {manifest['created']} from {folder}")
