"""Directives that print the project's rules on a book page from the code that applies them.

``{decision-table}`` prints the decision table (factcheck/data/decision.py) and
``{unverifiable-kinds}`` the kinds of unverifiable claim, so the methodology page
cannot describe a rule the code does not apply; ``{corrections-log}`` prints
data/corrections.csv, every change of a published rating; ``{glossary-terms}`` prints the
bilingual glossary (data/glossary.csv and the scale). ``{folded}`` folds a page's passage for
the few readers who want it behind a native <details>, with no script.
"""
from __future__ import annotations

import posixpath
from html import escape as html_escape

from docutils import nodes
from docutils.parsers.rst import directives as options
from sphinx.util.docutils import SphinxDirective

from ..data import decision, overall
from ..data.dataset import load_dataset
from ..data.findings import load_findings
from ..data.glossary import load_glossary
from ..data.parts import BY_KIND_ANCHOR, SCORECARD_PAGE, claim_path
from ..data.provenance import dailies, load_provenance
from ..data.references import load_sources
from ..data.verdicts import load_ratings
from ..render import requests
from ..render.blocks import dates_in_chinese, render
from ..render.i18n import field_in, gettext_zh, interface_words, quoted_alternatives, source_title
from . import citation, editions, metadata


def _table(header: list[str], rows: list[list[str]], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=1) for _ in header]
    head, body = nodes.thead(), nodes.tbody()
    group += [head, body]
    for target, cells in ((head, [header]), (body, rows)):
        for cells_of_row in cells:
            row = nodes.row()
            for cell in cells_of_row:
                entry = nodes.entry()
                entry += nodes.paragraph(text=cell)
                row += entry
            target += row
    return table


class _EditionDirective(SphinxDirective):
    """A directive that prints in its edition's language (factcheck.book.editions)."""

    @property
    def chinese(self) -> bool:
        return editions.is_chinese(self.env.config)

    def words(self, text: str) -> str:
        """An interface string in the edition's language (ui.po)."""
        return interface_words(self.chinese)(text)

    def claim_href(self, claim_id: str, part: str) -> str:
        """The link from this page to a claim's verdict."""
        return posixpath.relpath(claim_path(claim_id, part), posixpath.dirname(self.env.docname))

    def page_href(self, page: str) -> str:
        """The link from this page to another page of the book (`page` from the book's root)."""
        return posixpath.relpath(f"{page}.html", posixpath.dirname(self.env.docname))

    def header(self, *labels: str) -> list[str]:
        return [self.words(label) for label in labels]

    def local(self, item, name: str):
        """A data field in the edition's language (`name` or `name_zh`)."""
        return field_in(item, name, self.chinese)


class DecisionTable(_EditionDirective):
    def run(self):
        rules = {rule.number: rule for rule in (*decision.RULES, decision.FALLBACK)}
        rows = [[str(rule["rule"]), self.local(load_ratings()[rule["rating"]], "name"),
                 self.words(rules[rule["rule"]].when)]
                for rule in decision.table()]
        return [_table(self.header("Rule", "Rating", "When"), rows, ["decision-table"])]


class RatingScale(_EditionDirective):
    """The scale's ratings and what each means, from the scale itself (factcheck.data.verdicts)."""

    def run(self):
        rows = [[self.local(rating, "name"), self.local(rating, "meaning")]
                for rating in load_ratings().values()]
        return [_table(self.header("Rating", "What it means"), rows, ["rating-scale"])]


class UnverifiableKinds(_EditionDirective):
    def run(self):
        # Named, not coded: the kinds' ids stay in the data and the decision table's code.
        rows = [[self.words(meaning), self.words(decision.UNVERIFIABLE_WHEN[kind])]
                for kind, meaning in decision.UNVERIFIABLE_KINDS.items()]
        return [_table(self.header("Kind", "When it applies"), rows, ["unverifiable-kinds"])]


class CorrectionsLog(_EditionDirective):
    def run(self):
        data = load_dataset()
        subjects = data.claims.set_index("claim_id")
        rows = [[c.date, self.local(subjects.loc[claim_id], "subject"), self.local(c.previous, "name"),
                 self.local(c.new, "name"), self.local(c, "reason")]
                for claim_id, verdict in data.verdicts.items() for c in verdict.corrections]
        rows.sort(key=lambda row: (row[0], row[1]))
        if self.chinese:   # sorted on the ISO date, shown as Chinese writes a date
            rows = [[dates_in_chinese(row[0]), *row[1:]] for row in rows]
        return [_table(self.header("Date", "Claim", "Was", "Now", "Why"), rows, ["corrections-log"])]


class KeyFindings(_EditionDirective):
    """The ranked key findings (data/findings.csv), each with its claim's rating and a link to
    the verdict, in the edition's language. ``:summary-in: zh-Hans`` adds, in the English
    edition only, the Chinese sentences in a folded summary for readers of the article's
    language (the Chinese edition has them already)."""
    option_spec = {"summary-in": options.unchanged}
    CHINESE_SUMMARY = "Key findings (a summary in Chinese)"

    def _findings(self, language: str) -> str:
        verdicts = load_dataset().verdicts
        claims = load_dataset().claims.set_index("claim_id")
        items = []
        for finding in load_findings():
            verdict = verdicts[finding.claim_id]
            items.append({"finding": finding, "rating": verdict.rating, "kind": verdict.unverifiable_kind,
                          "href": self.claim_href(finding.claim_id, claims.loc[finding.claim_id, "part"])})
        return render("findings.html", language, items=items)

    def run(self):
        html = self._findings("zh-Hans" if self.chinese else "en")
        summary = self.options.get("summary-in")
        if summary not in (None, "zh-Hans"):
            raise self.error(f"key-findings: no summary in {summary!r}; the book has zh-Hans")
        if summary and not self.chinese:
            html += (f'\n<details class="findings-zh" lang="zh-Hans">\n'
                     f'<summary><span lang="en">{self.CHINESE_SUMMARY}</span> · '
                     f"{gettext_zh(self.CHINESE_SUMMARY)}</summary>\n{self._findings('zh-Hans')}\n</details>")
        return [nodes.raw("", html, format="html")]


class OverallVerdict(_EditionDirective):
    """The article's overall verdict, before the key findings: what the article is and who
    stands behind it (data/provenance.csv), then its achievement claims counted by what their
    verdicts found, set apart from the background it leans on (factcheck.data.overall)."""

    def run(self):
        verdicts = load_dataset().verdicts
        claims = load_dataset().claims.set_index("claim_id")
        summary = overall.summarise(claims["role"].to_dict(), verdicts)

        def linked(ids):
            return [{"href": self.claim_href(claim, claims.loc[claim, "part"]),
                     "subject": field_in(claims.loc[claim], "subject", self.chinese),
                     "rating_name": self.local(verdicts[claim].rating, "name")} for claim in ids]

        findings = load_findings()
        problems = []
        problem_of = {finding.claim_id: finding for finding in findings if finding.problem}
        for group in overall.problems(summary["achievement"].found_wanting, verdicts):
            named = [problem_of[claim] for claim in group if claim in problem_of]
            if len(named) != 1:
                raise self.error(f"overall-verdict: the claims {', '.join(group)} are one problem; exactly "
                                 f"one of them needs a key finding with a `problem` in data/findings.csv")
            finding = named[0]
            problems.append({"href": self.claim_href(finding.claim_id, claims.loc[finding.claim_id, "part"]),
                             "text": finding.problem_zh if self.chinese else finding.problem,
                             "rating_name": self.local(verdicts[finding.claim_id].rating, "name")})
        shortfalls = [{"href": self.claim_href(finding.claim_id, claims.loc[finding.claim_id, "part"]),
                       "text": finding.shortfall_zh if self.chinese else finding.shortfall}
                      for finding in findings if finding.shortfall]
        provenance = [{"statement": field_in(fact, "statement", self.chinese)
                       .replace("{n}", str(dailies(fact)))} for fact in load_provenance().values()]
        # Whether a check confirmed the setting of a claim not already counted as confirmed.
        setting_confirmed = any(verdict.confirmed_context and verdict.rating.id not in overall.CONFIRMED
                                for verdict in verdicts.values())
        not_given = [self.local(rating, "name") for rating in overall.ratings_not_given(summary, verdicts)]
        html = render("overall.html", "zh-Hans" if self.chinese else "en", provenance=provenance,
                      achievement=summary["achievement"],
                      confirmed_achievements=linked(summary["achievement"].confirmed),
                      problems=problems, shortfalls=shortfalls,
                      confirmed_background=linked(summary["background"].confirmed),
                      setting_confirmed=setting_confirmed,
                      count_table=overall.count_table(summary, verdicts),
                      ratings_not_given=quoted_alternatives(not_given, self.chinese),
                      wanting_ratings=quoted_alternatives(dict.fromkeys(
                          self.local(verdicts[claim].rating, "name")
                          for claim in summary["achievement"].found_wanting), self.chinese),
                      by_kind_href=self.page_href(SCORECARD_PAGE) + f"#{BY_KIND_ANCHOR}")
        return [nodes.raw("", html, format="html")]


class RecordsRequest(_EditionDirective):
    """The request for the records behind each headline claim we could not verify
    (factcheck.render.requests), with a link to the same request as a text file."""

    def run(self):
        claims = load_dataset().claims.set_index("claim_id")
        items = [{**item, "href": self.claim_href(item["claim_id"], claims.loc[item["claim_id"], "part"])}
                 for item in requests.request_items(self.chinese)]
        html = render("requests.html", "zh-Hans" if self.chinese else "en", items=items,
                      download=posixpath.relpath(requests.DOWNLOAD, posixpath.dirname(self.env.docname)))
        return [nodes.raw("", html, format="html")]


class DownloadsList(_EditionDirective):
    """The book's downloads (claims.json and the zips factcheck.book.downloads writes), each
    described in the edition's language; every edition has its own copies beside its pages."""
    ENTRIES = (
        ("claims.json", None,  # a file name, the same in both editions
         "{link}: every claim with its verdict, checks, reasoning, derived values, graded references, "
         "corrections and address in the book (schema: {schema}).",
         {"schema": "data/schema/claims.schema.json"}),
        ("downloads/chongzuo-fact-check-data.zip", "The data package",
         "{link}: every file of {data}, described by {datapackage} (a Frictionless Data Package).",
         {"data": "data/", "datapackage": "datapackage.json"}),
        ("downloads/chongzuo-fact-check-notebooks.zip", "The notebooks",
         "{link}: every chapter with its stored outputs, to rerun with the repository's pinned "
         "requirements.", {}),
        (f"downloads/{citation.CSL_NAME}", "The citation as CSL-JSON",
         "{link}: for reference managers (Zotero, Mendeley, EndNote).", {}),
        (f"downloads/{citation.BIBTEX_NAME}", "The citation as BibTeX",
         "{link}: for LaTeX.", {}),
    )

    def run(self):
        here = posixpath.dirname(self.env.docname)
        items = []
        for path, name, sentence, codes in self.ENTRIES:
            # An entry without a name is shown by its file name, set as code like the others.
            text = (html_escape(self.words(name)) if name
                    else f"<code>{html_escape(posixpath.basename(path))}</code>")
            link = f'<a href="{posixpath.relpath(path, here)}">{text}</a>'
            code = {key: f"<code>{html_escape(value)}</code>" for key, value in codes.items()}
            items.append(f"<li>{html_escape(self.words(sentence)).format(link=link, **code)}</li>")
        return [nodes.raw("", '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>",
                          format="html")]


class GlossaryTerms(_EditionDirective):
    """Every term in both languages, defined in the edition's; each row is the anchor
    ``term-<term_id>`` and names its source where a cited page gives the definition."""

    def run(self):
        sources = load_sources()
        other = "In English" if self.chinese else "In Chinese"
        table = _table(self.header("Term", other, "Definition", "Source"), [], ["glossary-terms"])
        body = table.next_node(nodes.tbody)
        for term in load_glossary():
            cells = [nodes.paragraph(text=self.local(term, "term")),
                     nodes.paragraph(text=field_in(term, "term", not self.chinese)),
                     nodes.paragraph(text=self.local(term, "definition")),
                     nodes.paragraph()]
            cells[1]["classes"].append("other-language")
            if term.source_id:
                source = sources[term.source_id]
                name = self.local(source, "publisher") or source_title(source, self.chinese)
                cells[3] += nodes.reference("", name, refuri=source["url"])
            row = nodes.row(ids=[f"term-{term.term_id}"])
            for cell in cells:
                entry = nodes.entry()
                entry += cell
                row += entry
            body += row
        return [table]


class BuildStamp(_EditionDirective):
    """The build stamp (factcheck.book.metadata.build_stamp); the page is read again every build."""

    def run(self):
        metadata.note_stamped(self.env, self.env.docname)
        return [nodes.raw("", metadata.build_stamp(self.chinese), format="html")]


class Citation(_EditionDirective):
    """How to cite the book, in the form its edition's readers cite (factcheck.book.citation)."""

    def run(self):
        fields = metadata.citation_fields(self.env.app)
        text = citation.gbt7714(fields) if self.chinese else citation.english(fields)
        node = nodes.raw("", f'<blockquote class="citation-form"><p>{html_escape(text)}</p></blockquote>',
                         format="html")
        node[citation.PRINTED] = True
        return [node]


class folded(nodes.Admonition, nodes.Element):
    """A passage behind its title: its title node is translated with the page's prose."""


class Folded(SphinxDirective):
    """``:::{folded} Title`` … ``:::``: the passage folded behind its title, as a <details>
    (sphinx-togglebutton's dropdown would bring its script to the page)."""
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        node = folded()
        title_text = self.arguments[0]
        textnodes, messages = self.state.inline_text(title_text, self.lineno)
        title = nodes.title(title_text, "", *textnodes)
        title.source, title.line = self.get_source_info()
        node += title
        node += messages
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_folded_html(self, node) -> None:
    # The title, translated by now, is the <summary> (phrasing content: its text only).
    title = node[0]
    node.remove(title)
    summary = html_escape(title.astext())
    self.body.append(f'<details class="factcheck-folded">\n<summary>{summary}</summary>\n')


def depart_folded_html(self, node) -> None:
    self.body.append("</details>\n")


def setup(app) -> None:
    app.add_node(folded, html=(visit_folded_html, depart_folded_html))
    app.add_directive("folded", Folded)
    app.add_directive("citation", Citation)
    app.add_directive("build-stamp", BuildStamp)
    app.add_directive("decision-table", DecisionTable)
    app.add_directive("rating-scale", RatingScale)
    app.add_directive("unverifiable-kinds", UnverifiableKinds)
    app.add_directive("corrections-log", CorrectionsLog)
    app.add_directive("key-findings", KeyFindings)
    app.add_directive("overall-verdict", OverallVerdict)
    app.add_directive("records-request", RecordsRequest)
    app.add_directive("glossary-terms", GlossaryTerms)
    app.add_directive("downloads-list", DownloadsList)
