"""`preflight cache info` and `preflight cache clear`: where the cache of outcomes is, how big, and emptying it."""

from __future__ import annotations

import time

import click

from preflight.cli import LANG_OPTION, _apply_language


def _size(count: int) -> str:
    from preflight.i18n import t

    return t("text.size", size=count)


def _date(seconds: float | None) -> str:
    return "-" if seconds is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


@click.group("cache")
@LANG_OPTION
def cache_command(lang: str | None) -> None:
    """Show or clear the cache of outcomes."""
    if lang is not None:
        _apply_language(lang)


@cache_command.command("info")
@LANG_OPTION
def info_command(lang: str | None) -> None:
    """Where the cache is, how many entries it holds and how large it is."""
    from preflight.cache import CACHE_ENV, MAX_AGE_SECONDS, MAX_CACHE_BYTES, cache_info, default_cache_dir
    from preflight.i18n import t

    _apply_language(lang)
    info = cache_info(default_cache_dir())
    click.echo(t("cache.folder", path=info.directory))
    click.echo(t("cache.entries", count=info.entries, size=_size(info.bytes)))
    if info.entries:
        click.echo(t("cache.dates", oldest=_date(info.oldest), newest=_date(info.newest)))
    if info.temporary:
        click.echo(t("cache.temporary", count=info.temporary))
    click.echo(t("cache.caps", days=MAX_AGE_SECONDS // 86400, size=_size(MAX_CACHE_BYTES)))
    click.echo(t("cache.disabled", env=CACHE_ENV))


@cache_command.command("clear")
@LANG_OPTION
def clear_command(lang: str | None) -> None:
    """Remove every cached outcome (the next check of each file runs in full)."""
    from preflight.cache import clear, default_cache_dir
    from preflight.i18n import t

    _apply_language(lang)
    directory = default_cache_dir()
    count, freed = clear(directory)
    click.echo(t("cache.cleared", count=count, size=_size(freed), path=directory))
