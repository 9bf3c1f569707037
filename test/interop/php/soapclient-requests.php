<?php
/*
 * PHP's own SoapClient (ext/soap, WSDL mode) as a reference for request envelopes, used by
 * test/interop/rpc-encoded.test.ts: reads {"wsdl": path, "calls": [{"op": name, "args": [part values in order]}]}
 * as JSON on stdin and prints a JSON list of {"request", "action"}: the envelope PHP builds for each call and the
 * SOAPAction it would send (unquoted; SoapClient quotes it in the HTTP header). JSON objects become
 * stdClass (structs), JSON lists PHP lists (SOAP-encoded arrays). Nothing is sent: __doRequest is overridden to
 * keep the request and answer with a fault, which the script catches.
 */

class RecordingClient extends SoapClient
{
    public string $request = '';
    public string $action = '';

    public function __doRequest($request, $location, $action, $version, $oneWay = false): ?string
    {
        $this->request = $request;
        $this->action = $action;
        return '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">'
            . '<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>recorded</faultstring>'
            . '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    }
}

$input = json_decode(stream_get_contents(STDIN), false, 512, JSON_THROW_ON_ERROR);
$client = new RecordingClient($input->wsdl, ['cache_wsdl' => WSDL_CACHE_NONE, 'encoding' => 'UTF-8', 'exceptions' => true, 'trace' => 1]);
$out = [];
foreach ($input->calls as $call) {
    $client->request = '';
    try {
        $client->__soapCall($call->op, $call->args);
    } catch (SoapFault $e) {
        if ($e->getMessage() !== 'recorded') {
            fwrite(STDERR, "{$call->op}: {$e->getMessage()}\n");
            exit(1);
        }
    }
    if ($client->request !== $client->__getLastRequest()) {
        fwrite(STDERR, "{$call->op}: __getLastRequest() differs from the request given to __doRequest\n");
        exit(1);
    }
    $out[] = ['request' => $client->request, 'action' => $client->action];
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
