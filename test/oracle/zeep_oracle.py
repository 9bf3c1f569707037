#!/usr/bin/env python3
"""Wire oracle: builds request envelopes with python-zeep (4.x) for test/oracle/zeep*.test.ts.

One process serves a whole test file. Input (stdin, JSON):

    {"wsdl": "<path>", "cases": [{"id": "...", "operation": "<Op>", "body": {...}, "headers": {...}}]}

A case may name its own "wsdl" (one process then serves several WSDLs; each is loaded once) and a "port" (the
WSDL port whose binding builds the message; zeep's default port, the first of the first service, otherwise).

`body` holds the operation's keyword arguments (document/literal wrapped: the wrapper's members), `headers`
the header values keyed by header element name. Markers revived here:
    {"$nil": true}          -> zeep.xsd.Nil (zeep writes xsi:nil="true" for it)
    {"$bigint": "<digits>"} -> int (beyond 2^53, exact)
    {"$base64": "<text>"}   -> bytes
    {"$xml": "<element/>"}  -> an lxml element (xs:any wildcard content)
    {"$qname": [ns, local]} -> lxml.etree.QName (zeep declares a prefix for it)
    {"$truthy": "" | 0 | 0.0} -> the same value, truthy (see patch_falsy_choice_values)
    {"$anyObject": {"type": "string", "value": ...}}
                            -> zeep.xsd.AnyObject(xsd.String(), value) (a value for an xs:anyType element)
(Absent keys are absent elements: zeep leaves out an optional element it has no value for.)

Output (stdout, JSON):
    {"zeep": "<version>", "quirks": {...}, "results": [{"id": ..., "xml": "<envelope>"} | {"id": ..., "error": "..."}]}
Envelopes come from `client.create_message(client.service, op, **body, _soapheaders=[...])`, the same path a
zeep call takes before sending (WS-Addressing included when the WSDL has wsaw:Action), serialized with lxml.
`quirks` says which of the zeep bugs worked around below this zeep has (see their docstrings).
"""
import base64
import copy
import json
import os
import sys

import zeep
from lxml import etree
from zeep import xsd
from zeep.xsd.elements import Any, Choice, Element
from zeep.xsd.elements.attribute import Attribute
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
            if "$xml" in value:
                return etree.fromstring(value["$xml"])
            if "$qname" in value:
                return etree.QName(*value["$qname"])
            if "$truthy" in value:
                inner = value["$truthy"]
                truthy = {str: TruthyStr, int: TruthyInt, float: TruthyFloat}[type(inner)]
                return truthy(inner)
            if "$anyObject" in value:
                spec = value["$anyObject"]
                types = {"string": xsd.String}
                return xsd.AnyObject(types[spec["type"]](), spec["value"])
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


class TruthyStr(str):
    """An empty string that is truthy: see patch_falsy_choice_values."""

    def __bool__(self):
        return True


class TruthyInt(int):
    def __bool__(self):
        return True


class TruthyFloat(float):
    def __bool__(self):
        return True


def patch_falsy_choice_values():
    """Keeps a falsy value given for an xs:choice alternative.

    zeep 4.2.1 `Choice.parse_kwargs` (zeep/xsd/elements/indicators.py) takes an alternative as chosen only when
    one of its values is truthy (`if not any(subresult.values())` leaves `found` false), so an alternative given
    as "", 0 or an empty complex value is dropped without a word (and a required choice is then missing, which
    zeep does not report either). The cases mark such values `{"$truthy": ...}` (revived as the truthy
    str/int/float subclasses above, written exactly like the plain value), and an empty complex value is made
    truthy here (`CompoundValue.__bool__`; zeep renders an empty one as an empty element).
    Returns whether the quirk was present.
    """
    from zeep.xsd.valueobjects import CompoundValue

    choice = xsd.Choice([xsd.Element("{urn:probe}a", xsd.String()), xsd.Element("{urn:probe}b", xsd.String())])
    probe = xsd.Element("{urn:probe}p", xsd.ComplexType(xsd.Sequence([choice])))
    holder = etree.Element("holder")
    probe.render(holder, probe(a=""))
    present = holder[0].find("{urn:probe}a") is None
    CompoundValue.__bool__ = lambda self: True
    return present


def patch_attribute_defaults():
    """Leaves an attribute that was given no value out, as an element is.

    zeep 4.2.1 fills every attribute of a new value object with its schema default
    (zeep/xsd/valueobjects.py `CompoundValue.__init__` takes `attribute.default_value`) and so writes
    `testExtensibility="false"` for an attribute nobody set. XSD gives an absent attribute that has a default the
    same value (XSD Part 1 §3.2.1, {value constraint}), so both envelopes mean the same; we write only what was
    given. Returns whether the quirk was present.
    """
    attribute = xsd.Attribute("probe", xsd.String(), default="d")
    present = attribute.default_value == "d"
    Attribute.default_value = property(lambda self: None)
    return present


MARKERS = {"$nil", "$bigint", "$base64", "$xml", "$anyObject", "$qname", "$truthy"}


def particles(nested):
    """(name, particle) for each element, wildcard and repeated model group, looking through model groups that
    do not repeat (zeep names those, even the type's top one, but takes their elements as keyword arguments)."""
    for name, particle in nested:
        if isinstance(particle, (Element, Any)) or getattr(particle, "accepts_multiple", False):
            yield name, particle
        elif hasattr(particle, "elements_nested"):
            yield from particles(particle.elements_nested)
        elif hasattr(particle, "child"):
            yield from particles([(None, particle.child)])


def adapt(xsd_type, value):
    """The cases' arguments for zeep: markers revived, and keys for model groups renamed to zeep's, through
    every nested type.

    zeep takes a repeated xs:choice (and an xs:any) as one keyword argument named `_value_<n>` by its position
    among the type's model groups (zeep/xsd/elements/indicators.py `OrderIndicator.elements_nested`), holding
    a list of single-key dicts for a choice. The cases give the k-th repeated choice of a type as `$choice<k>`
    (already a list of single-key dicts) and the k-th wildcard as `$any<k>`. A repeated choice of a single
    element, which is just a repeated element to wsdlc, comes keyed by that element: its items are wrapped.
    """
    if isinstance(value, list):
        return [adapt(xsd_type, item) for item in value]
    if not isinstance(value, dict) or not isinstance(xsd_type, ComplexType) or (len(value) == 1 and next(iter(value)) in MARKERS):
        return revive(value)
    out = dict(value)
    done = set()
    choices = anys = 0
    for name, particle in particles(xsd_type.elements_nested):
        if isinstance(particle, Element):
            if name in out and name not in done:
                out[name] = adapt(particle.type, out[name])
                done.add(name)
        elif isinstance(particle, Any):
            anys += 1
            if "$any%d" % anys in out:
                out[name] = revive(out.pop("$any%d" % anys))
                done.add(name)
        elif isinstance(particle, Choice) and particle.accepts_multiple:
            alternatives = {element.name: element for _, element in particle.elements if isinstance(element, Element)}
            if len(alternatives) == 1:
                (only, element), = alternatives.items()
                items = out.pop(only, [])
                out[name] = [{only: adapt(element.type, item)} for item in (items if isinstance(items, list) else [items])]
            else:
                choices += 1
                items = out.pop("$choice%d" % choices, [])
                out[name] = [{key: adapt(alternatives[key].type, item) for key, item in entry.items()} for entry in items]
            # No items is an empty list: left out, zeep 4.2.1 would give the choice NotSet, which
            # `Choice.validate` then iterates (TypeError) when the value object was built from a dict.
            done.add(name)
    return {key: item if key in done else revive(item) for key, item in out.items()}


def render_headers(service, operation, headers, direction="input"):
    """The `_soapheaders` as rendered lxml elements rather than a dict.

    zeep 4.2.1 deep-copies a `_soapheaders` dict before rendering it (zeep/wsdl/messages/soap.py,
    `SoapMessage._serialize_header`: `headers_value = copy.deepcopy(headers_value)`). `xsd.Nil` is a
    `_StaticIdentity` without `__deepcopy__` (zeep/xsd/const.py) and is recognised by identity (`value is Nil`),
    so every Nil in a header dict becomes a copy that zeep renders as the text "Nil" (a nil `Credentials` header
    comes out as `<Credentials><Ticket>Nil</Ticket></Credentials>`). Rendering each header element here with the
    operation's own header elements, exactly as that dict path does but without the copy, keeps Nil working;
    zeep then only appends the finished elements.
    """
    header = getattr(service._binding.get(operation), direction).header
    if header is None or not headers:
        return revive(headers)
    # zeep's header signature is keyed by WSDL part name; the cases key headers by element name.
    part_of = {element.qname.localname if element.qname is not None else name: name for name, element in header.type.elements}
    headers = adapt(header.type, {part_of.get(key, key): value for key, value in headers.items()})
    value = header(**headers)
    rendered = []
    for name, element in header.type.elements:
        if name in headers and value[name] is not None:
            holder = etree.Element("holder")
            element.render(holder, value[name], ["header", name])
            rendered.extend(holder)
    return rendered


def port_service(client, port_name):
    """The operations proxy of the named port, whichever service holds it. A WSDL with bindings but no service
    (ONVIF's, vSphere's vim.wsdl) names its clients after the binding: then the binding of that local name."""
    for service in client.wsdl.services.values():
        if port_name in service.ports:
            return client.bind(service.name, port_name)
    for qname in client.wsdl.bindings:
        if etree.QName(qname).localname == port_name:
            return client.create_service(qname, "http://localhost/")
    raise KeyError("no port or binding named %s" % port_name)


def body_kwargs(service, operation, body_element, kwargs, direction="input"):
    """The keyword arguments for a document/literal body of one element part.

    zeep 4.2.1 ignores the `parts` attribute of soap:body (zeep/wsdl/messages/soap.py
    `DocumentMessage._resolve_body` reads `info["part"]` only), so a message part bound to neither soap:body nor
    soap:header (Exchange's RequestVersion, left out of the binding of GetUserOofSettings) joins the body:
    zeep then wraps the body in a group keyed by part name instead of taking the body element's members as
    arguments. The members then go under that part's name; zeep renders nothing for the parts not given.
    """
    body = getattr(service._binding.get(operation), direction).body
    if body_element is None or body is None or etree.QName(body.qname).localname != "Body":
        return kwargs
    for name, element in body.type.elements:
        if element.qname is not None and etree.QName(element.qname).localname == body_element:
            return {name: kwargs}
    return kwargs


OFFLINE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "offline")
LOCAL_COPIES = {
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "https://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.w3.org/2009/01/xml.xsd": "xml.xsd",
}


class OfflineTransport(zeep.Transport):
    """No network: the XML namespace schema zeep fetches for `xml:` attributes comes from our own minimal copy in
    offline/ (written for these tests); any other http(s) document is an error naming it."""

    def _load_remote_data(self, url):
        name = LOCAL_COPIES.get(url)
        if name is None:
            raise IOError("offline: not fetching %s" % url)
        with open(os.path.join(OFFLINE, name), "rb") as f:
            return f.read()


def main():
    request = json.load(sys.stdin)
    quirks = {
        "nilListItem": patch_nil_list_items(),
        "headerDeepcopy": copy.deepcopy(xsd.Nil) is not xsd.Nil,
        "falsyChoiceValue": patch_falsy_choice_values(),
        "attributeDefault": patch_attribute_defaults(),
    }
    clients = {}
    results = []
    for case in request["cases"]:
        try:
            wsdl = case.get("wsdl", request.get("wsdl"))
            if wsdl not in clients:
                clients[wsdl] = zeep.Client(wsdl, transport=OfflineTransport())
            client = clients[wsdl]
            service = port_service(client, case["port"]) if case.get("port") else client.service
            # What a zeep call does before sending (OperationProxy.__call__ -> SoapBinding.send -> _create), with
            # the port's own binding options. `client.create_message` would take the WS-Addressing `To` from the
            # default port's options (`client.service._binding_options`), wrong for any other port and an error
            # for a WSDL without wsdl:service.
            # "output": the response zeep's server side would send (SoapMessage.serialize of the output message).
            direction = case.get("direction", "input")
            message = getattr(service._binding.get(case["operation"]), direction)
            body = message.body
            body_type = body.type if body is not None else None
            kwargs = adapt(body_type, body_kwargs(service, case["operation"], case.get("bodyElement"), case["body"], direction))
            kwargs["_soapheaders"] = render_headers(service, case["operation"], case["headers"], direction)
            if direction == "output":
                envelope = message.serialize(*revive(case.get("args", [])), **kwargs).content
            else:
                envelope, _ = service._binding._create(
                    case["operation"], revive(case.get("args", [])), kwargs, client=client, options=service._binding_options
                )
            results.append({"id": case["id"], "xml": etree.tostring(envelope, encoding="unicode")})
        except Exception as e:  # reported per case; the test fails on it with this message
            results.append({"id": case["id"], "error": "%s: %s" % (type(e).__name__, e)})
    json.dump({"zeep": zeep.__version__, "quirks": quirks, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
