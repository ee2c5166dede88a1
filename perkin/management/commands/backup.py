"""`python manage.py backup --dir /var/backups/perkin`: the database and the evidence files
(MEDIA_ROOT) into a new dated folder; restore it with `python manage.py restore FOLDER`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perkin.backup import BackupError, backup


class Command(BaseCommand):
    help = "Backs up the database and the evidence files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--dir", required=True, help="where the backup folder is created")

    def handle(self, *args, dir, **options):
        try:
            target = backup(Path(dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(target))
