<?php
/*
 * Router for `php -S` used by test/interop/soap12.test.ts: PHP's SoapServer in WSDL mode on the corpus
 * calculator.wsdl, speaking SOAP 1.2 (soap_version SOAP_1_2). It logs the HTTP Content-Type and SOAPAction it
 * received and the raw request to WSDLC_PHP_LOG (JSON lines). A GET answers "ready".
 */
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Content-Type: text/plain');
    echo "ready\n";
    return true;
}

$raw = file_get_contents('php://input');
file_put_contents(getenv('WSDLC_PHP_LOG'), json_encode([
    'contentType' => $_SERVER['CONTENT_TYPE'] ?? '',
    'soapAction' => $_SERVER['HTTP_SOAPACTION'] ?? null,
    'raw' => $raw,
]) . "\n", FILE_APPEND);

class Calculator
{
    public function Add($p) { return ['AddResult' => $p->intA + $p->intB]; }
    public function Subtract($p) { return ['SubtractResult' => $p->intA - $p->intB]; }
    public function Multiply($p) { return ['MultiplyResult' => $p->intA * $p->intB]; }
    public function Divide($p)
    {
        if ($p->intB === 0) {
            throw new SoapFault('Receiver', 'Division by zero');
        }
        return ['DivideResult' => intdiv($p->intA, $p->intB)];
    }
}

$server = new SoapServer(getenv('WSDLC_PHP_WSDL'), ['soap_version' => SOAP_1_2, 'cache_wsdl' => WSDL_CACHE_NONE]);
$server->setClass('Calculator');
$server->handle($raw);
