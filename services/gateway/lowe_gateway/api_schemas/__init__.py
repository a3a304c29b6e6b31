"""The gateway's public contract as marshmallow schemas, by area: what requests may say (validated before any RPC)
and what answers say (dumped through them). `lowe_gateway.openapi` builds the OpenAPI document from them."""
