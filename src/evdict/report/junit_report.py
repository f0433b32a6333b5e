"""JUnit XML for CI test views (Jenkins ``junit``, GitLab ``artifacts:reports:junit``).

One ``<testsuite>`` per file with findings, named by its path; one ``<testcase
classname="PATH" name="CODE LINE:COL">`` per finding. Errors and warnings are
``<failure type="CODE" message="SEVERITY: MESSAGE">``, as ESLint's and other linters'
JUnit output does, so both show up as failed tests; ``<error>`` is left for crashes, as
JUnit means it. Info findings are passing test cases whose ``<system-out>`` carries
the finding: visible, but nothing for CI to turn red. A run without findings is one
passing test case, so the test view shows green rather than nothing. The run's notes
(a file not scanned, and why) are the ``<system-out>`` of a suite ``evdict notes``
without test cases.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from evdict.diagnostics import Diagnostic, Severity
from evdict.result import CheckResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    root = ET.Element("testsuites", name="evdict")
    if by_path:
        for path, diagnostics in by_path.items():
            suite = _suite(root, path)
            for diagnostic in diagnostics:
                _testcase(suite, diagnostic)
    else:
        suite = _suite(root, "evdict")
        passed = ET.SubElement(suite, "testcase", classname="evdict", name="no findings")
        ET.SubElement(passed, "system-out").text = _xml_text(result.summary_line())
    if result.notes:
        notes = _suite(root, "evdict notes")
        ET.SubElement(notes, "system-out").text = _xml_text("\n".join(result.notes))
    for element in (root, *root):
        _count(element)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=_xml_text(name))


def _testcase(suite: ET.Element, diagnostic: Diagnostic) -> None:
    loc = diagnostic.location
    case = ET.SubElement(
        suite,
        "testcase",
        classname=_xml_text(loc.path),
        name=f"{diagnostic.code} {loc.line}:{loc.column}",
    )
    severity = diagnostic.severity.value
    detail = _xml_text(
        f"{loc.path}:{loc.line}:{loc.column}: {diagnostic.code} [{severity}] "
        f"{diagnostic.message} ({diagnostic.name})"
    )
    if diagnostic.severity is Severity.INFO:
        ET.SubElement(case, "system-out").text = detail
    else:
        failure = ET.SubElement(
            case,
            "failure",
            type=diagnostic.code,
            message=_xml_text(f"{severity}: {diagnostic.message}"),
        )
        failure.text = detail


def _count(element: ET.Element) -> None:
    """The totals JUnit readers show, from the test cases under ``element``."""
    testcases = list(element.iter("testcase"))
    element.set("tests", str(len(testcases)))
    element.set("failures", str(sum(case.find("failure") is not None for case in testcases)))
    element.set("errors", "0")


def _xml_text(text: str) -> str:
    """Characters XML 1.0 cannot hold at all (escaping does not help) become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
