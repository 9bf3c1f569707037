// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/** The wsdlc version that wrote this copy of the runtime (`wsdlc generate --check` compares it). */
export const WSDLC_VERSION = "0.1.0";
