"""The requests for the records: each headline claim we could not verify, turned into a request
to the Chongzuo Education Bureau for the records that would settle it.

In Chinese it is an application for the disclosure of government information,
with the three things article 29 of the Regulations on Open Government Information asks of
one: who applies, a description of the information by which the office can find it, and the
form in which it is wanted. In English it is the same list. The page prints it, and the book
offers it as a text file (`request_text`). Generated from the verdicts, it cannot drift from them.
"""
from __future__ import annotations

from ..data.dataset import load_dataset
from ..data.overall import records_to_request
from ..data.source import ARTICLE
from .i18n import field_in, interface_words

AGENCY = "Chongzuo Education Bureau"
DOWNLOAD = "downloads/records-request.txt"


def request_items(chinese: bool) -> list[dict]:
    """One item per headline unverifiable claim: what the article says, and the records asked for."""
    claims = load_dataset().claims.sort_values("start")
    rows = claims.set_index("claim_id")
    verdicts = load_dataset().verdicts
    return [{"claim_id": verdict.claim_id,
             "subject": field_in(rows.loc[verdict.claim_id], "subject", chinese),
             "quote": rows.loc[verdict.claim_id, "quote"],
             "records": field_in(verdict, "would_settle", chinese)}
            for verdict in records_to_request(verdicts, list(claims["claim_id"]))]


def request_text(chinese: bool) -> str:
    """The request as a plain-text file to fill in and send."""
    words = interface_words(chinese)
    lines = [words("Application for the disclosure of government information"), "",
             words("To: %(agency)s") % {"agency": words(AGENCY)}, "",
             words("The applicant"),
             *(f"   {words(field)}{words(': ')}____________________"
               for field in ("Name or organisation", "Identity document and number", "Telephone",
                             "Postal address or e-mail")),
             "", words("The government information requested"),
             words("The feature 《%(headline)s》 (%(published)s), whose pictures the Bureau supplied, "
                   "states what is listed below. For each statement, I request the records on which "
                   "it rests, such as:") % {"headline": ARTICLE["headline"],
                                            "published": ARTICLE["published"]},
             ""]
    for number, item in enumerate(request_items(chinese), start=1):
        lines += [f"({number}) {item['subject']}",
                  f"    {words('The article')}{words(': ')}“{item['quote']}”",
                  f"    {words('Records requested')}{words(': ')}{item['records']}", ""]
    lines += [words("Where a record has already been made public, I ask to be told where to find it."), "",
              words("The form in which the information is wanted"),
              f"   {words('Electronic copies, by e-mail')} □    {words('Paper copies, by post')} □", "",
              f"{words('Signature')}{words(': ')}____________________    "
              f"{words('Date of application')}{words(': ')}____________________", ""]
    return "\n".join(lines)
