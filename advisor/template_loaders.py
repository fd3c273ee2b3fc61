"""The site's template loader: it drops the indentation and blank lines of HTML templates as it
reads them, once per process. The sources stay nested and readable; the pages go without the
spaces (a sixth of a round page's bytes). Text templates (the emails) keep theirs."""

import re

from django.template.loaders import filesystem

_INDENTATION = re.compile(r"\n\s+")  # a line break and the blank lines and spaces after it


def without_indentation(source: str) -> str:
    return _INDENTATION.sub("\n", source)


class Loader(filesystem.Loader):
    def get_contents(self, origin) -> str:
        contents = super().get_contents(origin)
        if origin.name.endswith(".html"):
            return without_indentation(contents)
        return contents
