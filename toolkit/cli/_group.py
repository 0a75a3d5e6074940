"""The ``blueprint`` click group: its options and its lazily imported subcommands."""

from __future__ import annotations

import importlib

import click

from toolkit import __version__

# name -> (module under toolkit.cli, attribute, one-line help shown by --help without importing)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "list": ("list_cmd", "list_cmd", "List the blueprints: shipped and your project's."),
    "render": ("render_cmd", "render_cmd", "Render a blueprint into a create-connector body."),
    "build": ("build_cmd", "build_cmd", "Run the main job on every blueprint of the project."),
    "painless": ("painless_cmd", "painless_cmd", "Run or parse a Painless script and print its value or error."),
    "check": ("check_cmd", "check_cmd", "Check manifests, connector JSON and Markdown Dev Tools calls."),
    "rules": ("rules_cmd", "rules_cmd", "Show the checker's rules."),
    "setup": ("setup_cmd", "setup_cmd", "Print the cluster settings a set of blueprints needs."),
    "endpoints": ("endpoints_cmd", "endpoints_cmd", "Match, audit and suggest trusted-endpoint regexes."),
    "test": ("test_cmd", "test_cmd", "Replay the contract cases through the ML Commons emulator."),
    "predict": ("predict_cmd", "predict_cmd", "Run a predict call through the ML Commons emulator."),
    "record": ("record_cmd", "record_cmd", "Record a contract case from the real provider (secrets from env)."),
    "catalog": ("catalog_cmd", "catalog_cmd", "Build the published catalog: static site, catalog.json, Markdown."),
    "init": ("init_cmd", "init_cmd", "Create a blueprint project of your own: folders, config, hooks, CI."),
    "new": ("new_cmd", "new_cmd", "Scaffold a blueprint in your project, or copy one (--from ID)."),
    "lock": ("lock_cmd", "lock_cmd", "Record each blueprint's connector version and rendered-output hash."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        module = importlib.import_module(f"toolkit.cli.{entry[0]}")
        return getattr(module, entry[1])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blueprint")
@click.option("--project", "project_dir", metavar="DIR", envvar="BLUEPRINT_PROJECT",
              help="Your blueprint project, whose blueprints join the shipped ones (default: $BLUEPRINT_PROJECT, "
                   "else the nearest folder with blueprints/ upwards). Also accepted after the subcommand.")
@click.pass_context
def cli(ctx: click.Context, project_dir: str | None) -> None:
    """Author, check, contract-test and publish OpenSearch ML Commons connector blueprints."""
    ctx.obj = {"project_dir": project_dir}
