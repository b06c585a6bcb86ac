"""``python -m gcm_report`` runs the command-line interface."""

from gcm_report.cli import main

main()
