<?php
// PHP's SoapClient speaking SOAP 1.2 (soap_version SOAP_1_2) to the generated calculator service
// (test/interop/service-soap12.test.ts): Add, then Divide by zero (a fault). Prints one JSON object with the
// results, the fault's code and string, and the Content-Type of the answers.
error_reporting(E_ALL);
set_error_handler(function ($no, $str, $file, $line) { fwrite(STDERR, "PHP error $no: $str at $file:$line\n"); exit(3); });
[$script, $wsdl, $url] = $argv;
$c = new SoapClient($wsdl, ['location' => $url, 'soap_version' => SOAP_1_2, 'trace' => 1, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
$out = [];
$out['add'] = $c->Add(['intA' => 20, 'intB' => 22]);
$out['addResponseHeaders'] = $c->__getLastResponseHeaders();
try {
  $c->Divide(['intA' => 1, 'intB' => 0]);
  $out['divide'] = 'no fault';
} catch (SoapFault $f) {
  $out['divide'] = ['faultcode' => $f->faultcode, 'faultstring' => $f->faultstring, 'headers' => $c->__getLastResponseHeaders(), 'raw' => $c->__getLastResponse()];
}
echo json_encode($out, JSON_UNESCAPED_SLASHES), "\n";
