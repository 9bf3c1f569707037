#!/usr/bin/env python3
"""Wire oracle: builds request envelopes with python-zeep (4.x) for test/oracle/zeep*.test.ts.

One process serves a whole test file. Input (stdin, JSON):

    {"wsdl": "<path>", "cases": [{"id": "...", "operation": "<Op>", "body": {...}, "headers": {...}}]}

A case may name its own "wsdl" (one process then serves several WSDLs; each is loaded once).

`body` holds the operation's keyword arguments (document/literal wrapped: the wrapper's members), `headers`
the header values keyed by header element name. Markers revived here:
    {"$nil": true}          -> zeep.xsd.Nil (zeep writes xsi:nil="true" for it)
    {"$bigint": "<digits>"} -> int (beyond 2^53, exact)
    {"$base64": "<text>"}   -> bytes
(Absent keys are absent elements: zeep leaves out an optional element it has no value for.)

Output (stdout, JSON):
    {"zeep": "<version>", "quirks": {...}, "results": [{"id": ..., "xml": "<envelope>"} | {"id": ..., "error": "..."}]}
Envelopes come from `client.create_message(client.service, op, **body, _soapheaders=[...])`, the same path a
zeep call takes before sending (WS-Addressing included when the WSDL has wsaw:Action), serialized with lxml.
`quirks` says which of the two zeep bugs worked around below this zeep has (see their docstrings).
"""
import base64
import copy
import json
import sys

import zeep
from lxml import etree
from zeep import xsd
from zeep.xsd.types.complex import ComplexType


def revive(value):
    if isinstance(value, dict):
        if len(value) == 1:
            if value.get("$nil") is True:
                return xsd.Nil
            if "$bigint" in value:
                return int(value["$bigint"])
            if "$base64" in value:
                return base64.b64decode(value["$base64"])
        return {key: revive(item) for key, item in value.items()}
    if isinstance(value, list):
        return [revive(item) for item in value]
    return value


def patch_nil_list_items():
    """Lets `xsd.Nil` through as an item of a repeated complex-typed element.

    zeep 4.2.1 `ComplexType.parse_kwargs` (zeep/xsd/types/complex.py) skips its conversion for a Nil member
    (`if value is not Nil: value = self._create_object(value, name)`), but `_create_object` maps a list item by
    item without that check and converts a Nil item with `self(value)`, i.e. as the value of the type's first
    member: `{"Credential": [Nil]}` renders `<Credential><TableRight xsi:nil="true"/></Credential>` instead of
    `<Credential xsi:nil="true"/>`. Returning Nil unchanged (what parse_kwargs does for a single value) leaves
    the rendering to zeep's own `Element._render_value_item`, which writes xsi:nil for it.
    Returns whether the quirk was present.
    """
    original = ComplexType._create_object
    probe = ComplexType(xsd.Sequence([xsd.Element("first", xsd.String(), nillable=True)]))
    try:
        present = original(probe, xsd.Nil, "probe") is not xsd.Nil
    except Exception:
        present = True

    def create_object(self, value, name):
        if value is xsd.Nil:
            return value
        return original(self, value, name)

    ComplexType._create_object = create_object
    return present


def render_headers(client, operation, headers):
    """The `_soapheaders` as rendered lxml elements rather than a dict.

    zeep 4.2.1 deep-copies a `_soapheaders` dict before rendering it (zeep/wsdl/messages/soap.py,
    `SoapMessage._serialize_header`: `headers_value = copy.deepcopy(headers_value)`). `xsd.Nil` is a
    `_StaticIdentity` without `__deepcopy__` (zeep/xsd/const.py) and is recognised by identity (`value is Nil`),
    so every Nil in a header dict becomes a copy that zeep renders as the text "Nil" (a nil `Credentials` header
    comes out as `<Credentials><Ticket>Nil</Ticket></Credentials>`). Rendering each header element here with the
    operation's own header elements, exactly as that dict path does but without the copy, keeps Nil working;
    zeep then only appends the finished elements.
    """
    header = client.service._binding.get(operation).input.header
    if header is None or not headers:
        return headers
    value = header(**headers)
    rendered = []
    for name, element in header.type.elements:
        if name in headers and value[name] is not None:
            holder = etree.Element("holder")
            element.render(holder, value[name], ["header", name])
            rendered.extend(holder)
    return rendered


def main():
    request = json.load(sys.stdin)
    quirks = {
        "nilListItem": patch_nil_list_items(),
        "headerDeepcopy": copy.deepcopy(xsd.Nil) is not xsd.Nil,
    }
    clients = {}
    results = []
    for case in request["cases"]:
        try:
            wsdl = case.get("wsdl", request.get("wsdl"))
            if wsdl not in clients:
                clients[wsdl] = zeep.Client(wsdl)
            client = clients[wsdl]
            envelope = client.create_message(
                client.service,
                case["operation"],
                _soapheaders=render_headers(client, case["operation"], revive(case["headers"])),
                **revive(case["body"]),
            )
            results.append({"id": case["id"], "xml": etree.tostring(envelope, encoding="unicode")})
        except Exception as e:  # reported per case; the test fails on it with this message
            results.append({"id": case["id"], "error": "%s: %s" % (type(e).__name__, e)})
    json.dump({"zeep": zeep.__version__, "quirks": quirks, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
