<?php
/*
 * Router for `php -S` used by test/interop/rpc-encoded.test.ts: PHP's own SoapServer (ext/soap, WSDL mode) on an
 * rpc/encoded WSDL. Every request runs this script afresh, so what PHP decoded is persisted to a file. Environment:
 *   WSDLC_PHP_WSDL     the WSDL to serve (rpc-encoded.wsdl beside this file, or the corpus NOAA ndfdXML.wsdl)
 *   WSDLC_PHP_SERVICE  "rpcenc" (RpcEncodedService below) or "ndfd" (NdfdService below)
 *   WSDLC_PHP_LOG      JSON lines, one per call: {"op", "args", "raw", "http"}: the operation, the rpc parameters
 *                      in part order exactly as PHP decoded them (structs are objects, SOAP-encoded arrays lists,
 *                      xsi:nil null; a float that JSON cannot hold, INF/-INF/NaN, is logged as {"float": "INF"}
 *                      etc.), the raw request body, and the SOAPAction and Content-Type HTTP headers
 * Every response value is built here, in PHP (objects, lists, null, floats, booleans), so that the test checks
 * PHP's own encoding of them; the test holds the same values as expectations.
 * A GET answers "ready" (the test polls it before the first call).
 */

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Content-Type: text/plain');
    echo "ready\n";
    return true;
}

function env(string $name): string
{
    $v = getenv($name);
    if ($v === false || $v === '') {
        throw new RuntimeException("$name is not set");
    }
    return $v;
}

/** The decoded value with non-finite floats made loggable ({"float": "INF"}); everything else unchanged. */
function loggable($v)
{
    if (is_float($v) && !is_finite($v)) {
        return ['float' => is_nan($v) ? 'NaN' : ($v > 0 ? 'INF' : '-INF')];
    }
    if (is_array($v)) {
        return array_map('loggable', $v);
    }
    if (is_object($v)) {
        $o = new stdClass();
        foreach (get_object_vars($v) as $k => $x) {
            $o->$k = loggable($x);
        }
        return $o;
    }
    return $v;
}

function logCall(string $op, array $args): void
{
    global $RAW;
    $http = ['soapAction' => $_SERVER['HTTP_SOAPACTION'] ?? null, 'contentType' => $_SERVER['CONTENT_TYPE'] ?? null];
    $line = json_encode(['op' => $op, 'args' => loggable($args), 'raw' => $RAW, 'http' => $http], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR);
    file_put_contents(env('WSDLC_PHP_LOG'), $line . "\n", FILE_APPEND | LOCK_EX);
}

function item(string $name, int $qty, float $price, bool $inStock, ?string $note): stdClass
{
    $o = new stdClass();
    $o->name = $name;
    $o->qty = $qty;
    $o->price = $price;
    $o->inStock = $inStock;
    $o->note = $note;
    return $o;
}

class RpcEncodedService
{
    public function EchoScalars(...$args)
    {
        logCall('EchoScalars', $args);
        // A text "double:<name>" asks for that special double as the ratio (PHP's own lexical forms).
        $doubles = [
            'double:INF' => INF,
            'double:-INF' => -INF,
            'double:NAN' => NAN,
            'double:-0' => -0.0,
            'double:max' => 1.7976931348623157e308,
            'double:min' => 5e-324,
            'double:sum' => 0.1 + 0.2,
            'double:big' => 1e21,
        ];
        // Several output parts: an array keyed by part name.
        return [
            'text' => "PHP: <tag> & \"quotes\" 'apos' ]]> Ærø – 東京 🚀\r\n\ttab ",
            'count' => -2147483648,
            'flag' => false,
            'ratio' => $doubles[$args[0]] ?? -0.0625,
            'when' => '2024-02-29T23:59:59.1234567-05:30',
            'amount' => '-12345678901234567890.0100',
        ];
    }

    public function EchoPriority(...$args)
    {
        logCall('EchoPriority', $args);
        return 10;
    }

    public function EchoItem(...$args)
    {
        logCall('EchoItem', $args);
        return item('PHP <item> & "co"', 7, 19.75, true, null);
    }

    public function EchoArrays(...$args)
    {
        logCall('EchoArrays', $args);
        [$items, $names] = $args;
        if (is_array($names) && count($names) === 0) {
            return ['items' => [], 'names' => []];
        }
        if (is_array($names) && count($names) === 1) {
            // One item: still an array.
            return ['items' => [item('only', 1, 1.5, true, 'one')], 'names' => ['only']];
        }
        return [
            'items' => [item('first', 1, 0.5, true, 'n1'), null, item('third & <last>', -3, 1e-3, false, null)],
            'names' => ['alpha', '', null, 'ü & <b>'],
        ];
    }

    public function SubmitOrder(...$args)
    {
        logCall('SubmitOrder', $args);
        return true;
    }

    public function GetOrder(...$args)
    {
        logCall('GetOrder', $args);
        $id = $args[0];
        $order = new stdClass();
        $order->id = $id;
        $order->customer = 'Ærø & Co <AS>';
        $order->placed = '2023-06-30T12:00:00.5+14:00';
        $order->total = '1234.50';
        if ($id === 0) {
            // Empty arrays, nil structs.
            $order->items = [];
            $order->tags = [];
            $order->billTo = null;
            $order->shipTo = null;
            $order->comment = null;
            return ['order' => $order, 'lines' => []];
        }
        $widget = item('widget', 2, 9.5, true, null);
        $gadget = item('gadget', 1, 100.25, false, 'fragile & <heavy>');
        // The same objects more than once: in SOAP encoding PHP writes the first occurrence with id="refN" and
        // every other as an empty accessor with href="#refN" (SOAP 1.1 §5.4.1 multi-reference values).
        $order->items = [$widget, $gadget, $widget];
        $order->tags = ['rush', 'gift & <wrap>'];
        $address = new stdClass();
        $address->street = 'Storgata 1';
        $address->city = 'Tromsø';
        $address->country = null;
        $order->billTo = $address;
        $order->shipTo = $address;
        $order->comment = '';
        return ['order' => $order, 'lines' => [$gadget, $widget]];
    }

    public function EchoNil(...$args)
    {
        logCall('EchoNil', $args);
        return ['text' => null, 'count' => null, 'item' => null, 'names' => null];
    }
}

class NdfdService
{
    public function LatLonListZipCode(...$args)
    {
        logCall('LatLonListZipCode', $args);
        return '35.4,-97.6 40.7128,-74.0060 18.4655,-66.1057';
    }

    public function NDFDgen(...$args)
    {
        logCall('NDFDgen', $args);
        // A DWML document is returned as a string: its markup travels escaped inside <dwmlOut>.
        return "<?xml version=\"1.0\"?>\n<dwml version=\"1.0\"><head><product>time-series & \"all\"</product></head>"
            . "<data><location><point latitude=\"38.99\" longitude=\"-77.01\"/></location></data></dwml>";
    }

    public function NDFDgenByDay(...$args)
    {
        logCall('NDFDgenByDay', $args);
        return "<dwml><![CDATA[ no ]]> 24 hourly Ærø</dwml>";
    }

    public function LatLonListCityNames(...$args)
    {
        logCall('LatLonListCityNames', $args);
        return "Tromso,NO|Saint Paul,MN|Coeur d'Alene,ID";
    }
}

$RAW = file_get_contents('php://input');
$server = new SoapServer(env('WSDLC_PHP_WSDL'), ['cache_wsdl' => WSDL_CACHE_NONE, 'encoding' => 'UTF-8']);
$server->setObject(env('WSDLC_PHP_SERVICE') === 'ndfd' ? new NdfdService() : new RpcEncodedService());
$server->handle($RAW);
return true;
