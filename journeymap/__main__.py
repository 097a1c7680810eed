"""``python -m journeymap``."""

from journeymap.cli.app import run

if __name__ == "__main__":
    run()
