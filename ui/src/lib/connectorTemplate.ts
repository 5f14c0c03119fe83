/** A new connector's starting text, in ZoomInfo's Data Connectors vocabulary: the shape the backend expects, to fill in. */
export const NEW_CONNECTOR_TEMPLATE = `{
  "name": "Acme People",
  "description": "People by e-mail",
  "baseUrl": "https://api.acme.example",
  "category": "Enrichment",
  "auth": { "method": "apiKey", "keyName": "X-Api-Key", "placement": "header" },
  "ratePerSecond": 5,
  "maxCalls": 1000,
  "actions": [
    {
      "name": "person by email",
      "category": "Enrich",
      "requestType": "GET",
      "endpoint": "/v1/people?email={email}",
      "headers": {},
      "body": null,
      "output": { "person": { "title": "…", "phone": "…", "linkedin": "…" } }
    }
  ]
}
`;
