"""``evdict cache dir`` and ``evdict cache clean``: where the cache is, and emptying it."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import config_option


@click.group()
def cache() -> None:
    """The cache of parsed plan files and scan results.

    By default each project's cache is a folder of the user's cache folder
    ($XDG_CACHE_HOME/evdict, else ~/.cache/evdict), never in the project; the config's
    `cache_dir` moves it and `cache_max_megabytes` bounds it (default 512).
    """


@cache.command("dir")
@config_option
def cache_dir(config_path: Path | None) -> None:
    """Print the project's cache folder."""
    from evdict.config import load_config

    click.echo(load_config(config_path).checked_cache_root())


@cache.command()
@config_option
@click.option(
    "--all",
    "every_project",
    is_flag=True,
    help="Clean the caches of every project in the user's cache folder, not only this one's.",
)
def clean(config_path: Path | None, every_project: bool) -> None:
    """Remove evdict's cache entries (nothing else: no other file, and no symlink is
    followed). The next run parses everything again."""
    from evdict.cachestore import clean as clean_folder
    from evdict.cachestore import user_cache_home
    from evdict.config import load_config

    if every_project:
        projects = user_cache_home() / "projects"
        folders = sorted(projects.iterdir()) if projects.is_dir() else []
    else:
        folders = [load_config(config_path).checked_cache_root()]
    removed = freed = 0
    for folder in folders:
        if folder.is_symlink():
            click.echo(f"{folder} is a symbolic link: not followed, nothing removed there")
            continue
        if folder.is_dir():
            count, size = clean_folder(folder)
            removed, freed = removed + count, freed + size
    where = "every project's cache" if every_project else str(folders[0])
    click.echo(f"Removed {removed} cache entries ({freed / 1e6:.1f} MB) from {where}.")
