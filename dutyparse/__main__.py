"""`python -m dutyparse` runs the command line."""

from dutyparse.cli import main

raise SystemExit(main())
