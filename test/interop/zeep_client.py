"""python-zeep calling the generated User service (test/interop/service-peers.test.ts): SaveUntrustedCredentials
with the SOAP headers and chosen values, then GetUntrustedCredentials for "imap", "fail" and "fault". Prints one
JSON object: what zeep decoded (bodies, response headers, faults) and the raw envelopes it received."""
import json
import sys

import zeep
from zeep.helpers import serialize_object
from zeep.plugins import HistoryPlugin
from lxml import etree

wsdl, url = sys.argv[1], sys.argv[2]
history = HistoryPlugin()
client = zeep.Client(wsdl, plugins=[history])
service = client.create_service("{http://www.superoffice.net/ws/crm/NetServer/Services75}BasicHttpBinding_User", url)
NS = "{http://www.superoffice.net/ws/crm/NetServer/Services75}"
headers = {
    "ApplicationToken": "app-token <&> Ærø",
    "Credentials": {"Ticket": "7T:dGlja2V0&Zm9yIHdzZGxj"},
    "TimeZone": {"SoTimeZoneId": 5, "SoTimeZoneLocationCode": "Europe/Oslo"},
}


def plain(v):
    v = serialize_object(v)
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if hasattr(v, "isoformat"):
        return {"$datetime": v.isoformat()}
    return v


def raw():
    return etree.tostring(history.last_received["envelope"], encoding="unicode")


out = {}
creds = {
    "ValidFrom": "2022-03-25T21:34:02.1234567+01:00",
    "Comment": "  Ærø – 東京 🚀 & < > ]]> \"q\" 'a'\ttab\r\nCRLF  ",
    "SecretValue": zeep.xsd.Nil,
    "PublicValue": "",
    "IsActive": False,
}
# zeep writes a datetime value itself; a string is sent as it is.
r = service.SaveUntrustedCredentials(Type="imap", Credentials=creds, _soapheaders=headers)
out["save"] = {"result": plain(r)}
for t in ["imap", "fail", "fault"]:
    try:
        with client.settings(raw_response=False):
            res = service.GetUntrustedCredentials(Type=t, _soapheaders=headers)
        env = history.last_received["envelope"]
        hdr = env.find("{http://schemas.xmlsoap.org/soap/envelope/}Header")
        out[t] = {"result": plain(res), "raw": raw(), "headers": [etree.QName(h).localname for h in (hdr if hdr is not None else [])]}
    except zeep.exceptions.Fault as f:
        out[t] = {"fault": {"code": f.code, "message": f.message}, "raw": raw()}
print(json.dumps(out, ensure_ascii=False))
