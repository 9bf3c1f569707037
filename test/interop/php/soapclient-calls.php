<?php
// PHP's SoapClient (WSDL mode) calling the generated User service (test/interop/service-peers.test.ts):
// SaveUntrustedCredentials with the SOAP headers and chosen values, then GetUntrustedCredentials for "imap",
// "fail" (the service reports failure in its headers) and "fault" (a SOAP fault). Prints one JSON object:
// what PHP decoded (bodies, output headers, fault code/string) and the raw envelopes it received.
error_reporting(E_ALL);
set_error_handler(function ($no, $str, $file, $line) { fwrite(STDERR, "PHP error $no: $str at $file:$line\n"); exit(3); });
[$script, $wsdl, $url] = $argv;
$ns = 'http://www.superoffice.net/ws/crm/NetServer/Services75';
$c = new SoapClient($wsdl, ['location' => $url, 'trace' => 1, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
$headers = [
  new SoapHeader($ns, 'ApplicationToken', 'app-token <&> Ærø'),
  new SoapHeader($ns, 'Credentials', ['Ticket' => '7T:dGlja2V0&Zm9yIHdzZGxj']),
  new SoapHeader($ns, 'TimeZone', ['SoTimeZoneId' => 5, 'SoTimeZoneLocationCode' => 'Europe/Oslo']),
];
$out = [];
$save = [
  'Type' => 'imap',
  'Credentials' => [
    'ValidFrom' => '2022-03-25T21:34:02.1234567+01:00',
    'Comment' => "  Ærø – 東京 🚀 & < > ]]> \"q\" 'a'\ttab\r\nCRLF  ",
    'SecretValue' => null,
    'PublicValue' => '',
    'IsActive' => false,
  ],
];
$oh = [];
$r = $c->__soapCall('SaveUntrustedCredentials', [$save], null, $headers, $oh);
$out['save'] = ['result' => $r, 'headers' => $oh];
foreach (['imap', 'fail', 'fault'] as $type) {
  $oh = [];
  try {
    $r = $c->__soapCall('GetUntrustedCredentials', [['Type' => $type]], null, $headers, $oh);
    $out[$type] = ['result' => $r, 'headers' => $oh, 'raw' => $c->__getLastResponse()];
  } catch (SoapFault $f) {
    $out[$type] = ['faultcode' => $f->faultcode, 'faultstring' => $f->faultstring, 'raw' => $c->__getLastResponse()];
  }
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
