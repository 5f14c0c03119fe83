-- The identity provider an endpoint's users come from (Okta, Entra ID), as JSON; its secret
-- is kept in the OS keychain, never here.
ALTER TABLE scim_endpoints ADD COLUMN idp TEXT;
