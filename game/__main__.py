"""`python -m game` runs the `corridors` command."""

from game.cli import main

raise SystemExit(main())
