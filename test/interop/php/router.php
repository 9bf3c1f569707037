<?php
/*
 * Router for `php -S` used by test/interop/php.test.ts: PHP's own SoapServer (ext/soap, WSDL mode) on the real
 * Services75 User WSDL. Every request runs this script afresh, so whatever PHP decoded is persisted to files
 * named by environment variables:
 *   WSDLC_PHP_WSDL   the WSDL file to serve (the corpus User WSDL, read in place)
 *   WSDLC_PHP_LOG    JSON lines, one per call: {"op", "headers", "args", "raw"}: the headers and the body
 *                    argument exactly as PHP decoded them (header methods run before the operation, so "headers"
 *                    holds only the headers that were present; a nil header arrives as null; an absent field
 *                    is a missing property, a nil one null), and the raw request body
 *   WSDLC_PHP_STORE  a JSON object {type: [credentials...]}: SaveUntrustedCredentials appends what PHP decoded,
 *                    GetUntrustedCredentials returns it (the test may also write the file itself)
 * Behaviour keyed by the request (so the test needs no side channel):
 *   SaveUntrustedCredentials with Type "fail"  → Succeeded=false and an ExceptionInfo header (InnerException,
 *                                                Parameters), with the request's Ticket echoed inside
 *   SaveUntrustedCredentials with Type "fault" → a SoapFault (Client) whose faultstring echoes the Ticket
 *   any other operation                        → Succeeded=true, empty response wrapper
 * A GET answers "ready" (the test polls it before the first call).
 */

const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services75';

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

/** The store as an associative array (JSON objects become PHP arrays, which SoapServer encodes as structs). */
function readStore(): array
{
    $path = env('WSDLC_PHP_STORE');
    if (!is_file($path)) {
        return [];
    }
    $store = json_decode(file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
    return is_array($store) ? $store : [];
}

function toJson($value): string
{
    return json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR);
}

/** The SOAP headers as PHP decoded them (filled by the header methods below). */
$HEADERS = new stdClass();

class UserService
{
    // SoapServer calls a method named after each SOAP header element before the operation itself.
    public function ApplicationToken($value) { global $HEADERS; $HEADERS->ApplicationToken = $value; }
    public function Credentials($value) { global $HEADERS; $HEADERS->Credentials = $value; }
    public function TimeZone($value) { global $HEADERS; $HEADERS->TimeZone = $value; }

    /** Every operation of the WSDL lands here (SoapServer falls back to __call). */
    public function __call($operation, $arguments)
    {
        global $HEADERS, $RAW, $server;
        $args = count($arguments) > 0 ? $arguments[0] : null;
        file_put_contents(env('WSDLC_PHP_LOG'), toJson(['op' => $operation, 'headers' => $HEADERS, 'args' => $args, 'raw' => $RAW]) . "\n", FILE_APPEND | LOCK_EX);

        $ticket = isset($HEADERS->Credentials->Ticket) ? $HEADERS->Credentials->Ticket : '(none)';
        $type = is_object($args) && isset($args->Type) ? $args->Type : null;

        if ($operation === 'SaveUntrustedCredentials' && $type === 'fault') {
            throw new SoapFault('Client', "Ticket $ticket may not store credentials of type \"fault\" & <friends>", 'urn:wsdlc:php-peer');
        }
        if ($operation === 'SaveUntrustedCredentials' && $type === 'fail') {
            $server->addSoapHeader(new SoapHeader(NS, 'ExceptionInfo', [
                'Message' => "The ticket $ticket has expired",
                'StackTrace' => "at UserAgent.SaveUntrustedCredentials()\n at Dispatcher.Invoke()",
                'ExceptionType' => 'SoException',
                'Source' => 'php-peer',
                'InnerException' => [
                    'Message' => 'Row <credentials> & "friends" not found',
                    'ExceptionType' => 'SqlException',
                    'InnerException' => null,
                ],
                'Parameters' => ['SoExceptionInfoParametersKeyValuePair' => [
                    ['Key' => 'Ticket', 'Value' => $ticket],
                    ['Key' => 'Type', 'Value' => $type],
                    ['Key' => 'Empty', 'Value' => null],
                ]],
            ]));
            $server->addSoapHeader(new SoapHeader(NS, 'Succeeded', false));
            return new stdClass();
        }

        $server->addSoapHeader(new SoapHeader(NS, 'Succeeded', true));
        if ($operation === 'SaveUntrustedCredentials') {
            $store = readStore();
            $key = $type === null ? '' : $type;
            $credentials = is_object($args) && property_exists($args, 'Credentials') ? $args->Credentials : null;
            $store[$key][] = json_decode(toJson($credentials), true);
            file_put_contents(env('WSDLC_PHP_STORE'), toJson((object) $store), LOCK_EX);
            return new stdClass();
        }
        if ($operation === 'GetUntrustedCredentials') {
            $store = readStore();
            $key = $type === null ? '' : $type;
            return ['Response' => ['UntrustedCredentials' => $store[$key] ?? []]];
        }
        return new stdClass();
    }
}

$server = new SoapServer(env('WSDLC_PHP_WSDL'), ['cache_wsdl' => WSDL_CACHE_MEMORY, 'encoding' => 'UTF-8']);
$server->setObject(new UserService());
$RAW = file_get_contents('php://input');
$server->handle($RAW);
return true;
