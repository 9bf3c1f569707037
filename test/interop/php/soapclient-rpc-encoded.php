<?php
// PHP's SoapClient calling the generated rpc/encoded service of rpc-encoded.wsdl (test/interop/service-rpc-encoded.test.ts):
// SubmitOrder with one Address object used twice (PHP writes it once, as a multi-reference: href="#ref1"), EchoArrays,
// EchoNil with nulls, GetOrder. Prints one JSON object with what PHP decoded and the raw requests it sent.
error_reporting(E_ALL);
set_error_handler(function ($no, $str, $file, $line) { fwrite(STDERR, "PHP error $no: $str at $file:$line\n"); exit(3); });
[$script, $wsdl, $url] = $argv;
$c = new SoapClient($wsdl, ['location' => $url, 'trace' => 1, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
$address = new stdClass();
$address->street = 'Storgata 1 & <2>';
$address->city = 'Ærøskøbing';
$address->country = null;
$item = ['name' => 'widget "w"', 'qty' => 3, 'price' => 2.5, 'inStock' => true, 'note' => null];
$order = [
  'id' => 7, 'customer' => "ann\ttab", 'placed' => '2022-03-25T21:34:02.1234567+01:00', 'total' => '12345678901234567890.125',
  'items' => [$item, $item], 'tags' => ['a', '', 'c'], 'billTo' => $address, 'shipTo' => $address, 'comment' => null,
];
$out = [];
$out['submit'] = $c->SubmitOrder($order);
$out['submitRequest'] = $c->__getLastRequest();
$out['arrays'] = $c->EchoArrays([$item], ['x', 'y']);
$out['nil'] = $c->EchoNil(null, null, null, null);
$out['get'] = $c->GetOrder(7);
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
