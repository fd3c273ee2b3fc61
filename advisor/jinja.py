"""Jinja2, the second template engine, for the content of the round page and its checklist
(templates/interviews/*.jinja). The round page prints about a thousand values for a few
people; Jinja2 compiles a template to Python and renders it in about a quarter of the time
Django's engine takes (BENCHMARKS.md). Their layout stays base.html, rendered by Django."""

from django.template import engines
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString
from jinja2 import ChainableUndefined, Environment, FileSystemLoader
from markupsafe import Markup

from advisor.template_loaders import without_indentation
from advisor.templatetags.advisor_tags import countdown, time_left


class Loader(FileSystemLoader):
    """As advisor.template_loaders.Loader: the indentation dropped once per process."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return without_indentation(source), filename, uptodate


def date(value, format_string: str) -> str:
    """Django's `date` filter with a format written out ("D j M, H:i"): the moment in the
    current time zone."""
    if value in (None, ""):
        return ""
    return dateformat.format(timezone.template_localtime(value), format_string)


def url(name: str, *args: object) -> str:
    """Django's {% url name arg %}."""
    return reverse(name, args=args)


def pluralize(count: int) -> str:
    return "" if count == 1 else "s"


def environment(**options) -> Environment:
    """The environment Django's Jinja2 backend builds (settings.TEMPLATES): autoescaping as
    Django's engine does; a missing name prints nothing, as in Django, even followed by
    attributes (ChainableUndefined); Django's filters that the templates use."""
    options.update(loader=Loader(options["loader"].searchpath), undefined=ChainableUndefined)
    env = Environment(**options)
    env.filters.update(date=date, countdown=countdown, time_left=time_left, pluralize=pluralize)
    env.globals["url"] = url
    return env


def render_macro(template_name: str, macro: str, context: dict) -> Markup:
    """One macro of a Jinja2 template, which reads the context's names: the page, or one of
    the parts htmx swaps in."""
    template = engines["jinja2"].env.get_template(template_name)
    return getattr(template.make_module(context), macro)()


def csrf_input(token: str) -> SafeString:
    """What Django's {% csrf_token %} prints. The token is letters and digits."""
    return SafeString(f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">')
