package io.addrservice.api.openapi;

/** Example bodies for the OpenAPI document. */
public final class Examples {
  private Examples() {}

  public static final String ENTRY =
      """
      {
        "full_name": "Bill Gates",
        "addresses": [
          {"kind": "work", "building_name": "Microsoft Campus", "unit_number": 1,
           "street_number": 1, "street_name": "Microsoft Way", "city": "Redmond",
           "province": "WA", "pincode": "98052", "country": "United States"}
        ],
        "phone_numbers": [
          {"kind": "work", "country_code": 1, "area_code": 425, "local_number": 8828080}
        ],
        "fax_numbers": [],
        "emails": [{"kind": "work", "email": "bill@microsoft.com"}]
      }
      """;

  public static final String LISTING =
      """
      {
        "0190f8a1b2c37d4e8f90a1b2c3d4e5f6": {
          "full_name": "Bill Gates", "addresses": [], "phone_numbers": [],
          "fax_numbers": [], "emails": [{"kind": "work", "email": "bill@microsoft.com"}]
        }
      }
      """;

  public static final String VALIDATION_ERROR =
      """
      {"method": "POST", "uri": "/addresses", "code": 400,
       "message": "JSON Schema validation failed",
       "errors": [{"path": "$.addresses[0].kind", "message": "must be one of [home, work]"},
                  {"path": "$.full_name", "message": "is required"}]}
      """;

  public static final String INVALID_JSON =
      """
      {"method": "POST", "uri": "/addresses", "code": 400, "message": "Invalid JSON body"}
      """;

  public static final String NOT_FOUND =
      """
      {"method": "GET", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "code": 404,
       "message": "Entry 0190f8a1b2c37d4e8f90a1b2c3d4e5f6 not found"}
      """;

  public static final String PRECONDITION_FAILED =
      """
      {"method": "PUT", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "code": 412,
       "message": "Entry 0190f8a1b2c37d4e8f90a1b2c3d4e5f6 has changed (If-Match does not match)"}
      """;

  public static final String TOO_LARGE =
      """
      {"method": "POST", "uri": "/addresses", "code": 413, "message": "Request body too large"}
      """;

  public static final String UNSUPPORTED =
      """
      {"method": "POST", "uri": "/addresses", "code": 415, "message": "Unsupported Media Type"}
      """;

  public static final String BAD_QUERY =
      """
      {"method": "GET", "uri": "/addresses?limit=0", "code": 400,
       "message": "Invalid query parameter",
       "errors": [{"path": "limit", "message": "must be a whole number from 1 to 1000 inclusive"}]}
      """;

  static final String UNAUTHORIZED =
      """
      {"method": "GET", "uri": "/addresses", "code": 401, "message": "Bearer token required"}
      """;

  static final String INVALID_TOKEN =
      """
      {"method": "GET", "uri": "/addresses", "code": 401, "message": "Invalid bearer token"}
      """;

  static final String MISSING_ROLE =
      """
      {"method": "POST", "uri": "/addresses", "code": 403,
       "message": "The token lacks the role addresses.write"}
      """;

  static final String ANONYMOUS_REMOTE =
      """
      {"method": "GET", "uri": "/addresses", "code": 403,
       "message": "Anonymous access is for local peers only: turn on tokens with\
       addrservice.auth.mode=jwt, or serve every peer with\
       addrservice.auth.allow-anonymous-remote=true"}
      """;

  static final String CROSS_ORIGIN =
      """
      {"method": "POST", "uri": "/addresses", "code": 403, "message": "Cross-origin write refused"}
      """;

  static final String INVALID_CONDITION =
      """
      {"method": "PUT", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "code": 400,
       "message": "Invalid request header",
       "errors": [{"path": "If-Match", "message": "must be * or a list of entity tags such as \\"3\\""}]}
      """;

  static final String KEY_REUSED =
      """
      {"method": "POST", "uri": "/addresses", "code": 422,
       "message": "Idempotency-Key reused with another entry"}
      """;

  /** {@link #ENTRY} as a vCard 4.0, exactly as the service writes it (a test keeps it so). */
  public static final String VCARD =
      """
      BEGIN:VCARD\r
      VERSION:4.0\r
      UID:urn:uuid:0190f8a1-b2c3-7d4e-8f90-a1b2c3d4e5f6\r
      FN:Bill Gates\r
      ADR;TYPE=work;X-ADDRSERVICE-UNIT-NUMBER=1;X-ADDRSERVICE-STREET-NUMBER=1;X-A\r
       DDRSERVICE-NUMBERS=street_number:;Microsoft Campus;1 Microsoft Way;Redmond\r
       ;WA;98052;United States\r
      TEL;TYPE=work,voice;VALUE=uri:tel:+1-425-8828080\r
      EMAIL;TYPE=work:bill@microsoft.com\r
      END:VCARD\r
      """;

  /** {@link #ENTRY} as a JSContact Card, exactly as the service writes it (a test keeps it so). */
  public static final String JSCONTACT =
      """
      {"@type": "Card", "version": "1.0", "uid": "urn:uuid:0190f8a1-b2c3-7d4e-8f90-a1b2c3d4e5f6",
       "name": {"@type": "Name", "full": "Bill Gates"},
       "addresses": {"a1": {"@type": "Address", "components": [
           {"kind": "building", "value": "Microsoft Campus"},
           {"kind": "apartment", "value": "1", "addrservice.io:number": true},
           {"kind": "number", "value": "1", "addrservice.io:number": true},
           {"kind": "name", "value": "Microsoft Way"},
           {"kind": "locality", "value": "Redmond"},
           {"kind": "region", "value": "WA"},
           {"kind": "postcode", "value": "98052"},
           {"kind": "country", "value": "United States"}],
         "contexts": {"work": true}}},
       "phones": {"p1": {"@type": "Phone", "number": "+1 425 8828080",
         "features": {"voice": true}, "contexts": {"work": true}}},
       "emails": {"e1": {"@type": "EmailAddress", "address": "bill@microsoft.com",
         "contexts": {"work": true}}}}
      """;

  public static final String MERGE_PATCH =
      """
      {"full_name": "William H. Gates", "fax_numbers": null}
      """;

  public static final String NOT_ACCEPTABLE =
      """
      {"method": "GET", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "code": 406,
       "message": "Not Acceptable"}
      """;

  public static final String INVALID_CARD =
      """
      {"method": "POST", "uri": "/addresses", "code": 400, "message": "Invalid card body",
       "errors": [{"path": "$", "message": "the body holds no vCard (BEGIN:VCARD to END:VCARD)"}]}
      """;

  public static final String EXPORT_NDJSON =
      """
      {"id":"0190f8a1b2c37d4e8f90a1b2c3d4e5f6","version":3,"entry":{"full_name":"Bill Gates",      "addresses":[],"phone_numbers":[],"fax_numbers":[],"emails":[]}}
      {"id":"0190f8a1b2c37d4e8f90a1b2c3d4e5f7","version":1,"entry":{"full_name":"Ada Lovelace",      "addresses":[],"phone_numbers":[],"fax_numbers":[],"emails":[]}}
      """;

  public static final String IMPORT_REPORT =
      """
      {"created": 98, "updated": 1, "unchanged": 0,
       "failed": [{"index": 7, "errors": [{"path": "$.full_name", "message": "is required"}]}],
       "dropped": [{"index": 3, "parts": ["PHOTO: not kept (an entry has no field for it)"]}]}
      """;

  public static final String CHANGE_PAGE =
      """
      {"changes": [
        {"id": "0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "version": 4,
         "entry": {"full_name": "Bill Gates", "addresses": [], "phone_numbers": [],
                   "fax_numbers": [], "emails": []}},
        {"id": "0190f8a1b2c37d4e8f90a1b2c3d4e5f7", "version": 7, "deleted": true}],
       "next": "AWcHyrZ6Lr0T2FN0z9uFbJEAAAAAAAAAUQAAAAAAAAAA"}
      """;

  public static final String CHANGE_EVENTS =
      """
      id:AWcHyrZ6Lr0T2FN0z9uFbJEAAAAAAAAAUQAAAAAAAAAA
      event:change
      data:{"id":"0190f8a1b2c37d4e8f90a1b2c3d4e5f6","version":4,"entry":{"full_name":"Bill Gates","addresses":[],"phone_numbers":[],"fax_numbers":[],"emails":[]}}

      :heartbeat

      id:AWcHyrZ6Lr0T2FN0z9uFbJEAAAAAAAAAUgAAAAAAAAAA
      event:change
      data:{"id":"0190f8a1b2c37d4e8f90a1b2c3d4e5f7","version":7,"deleted":true}

      """;

  public static final String BAD_TOKEN =
      """
      {"method": "GET", "uri": "/addresses/changes?since=x", "code": 400,
       "message": "Invalid change feed token",
       "errors": [{"path": "since", "message": "is not a change feed token of this service"}]}
      """;

  public static final String TOKEN_EXPIRED =
      """
      {"method": "GET", "uri": "/addresses/changes?since=AWcHyrZ6Lr0T2FN0z9uFbJEAAAAAAAAAUQAAAAAAAAAA",
       "code": 410,
       "message": "Token expired: changes since then are no longer kept, sync again without since"}
      """;

  public static final String DUPLICATES =
      """
      {
        "groups": [
          {
            "ids": ["0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "0190f8a1b2c37d4e8f90a1b2c3d4e5f7",
                    "0190f8a1b2c37d4e8f90a1b2c3d4e5f8"],
            "reasons": [
              {"kind": "email", "value": "bill@microsoft.com",
               "ids": ["0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "0190f8a1b2c37d4e8f90a1b2c3d4e5f7"]},
              {"kind": "name", "value": "billgates",
               "ids": ["0190f8a1b2c37d4e8f90a1b2c3d4e5f7", "0190f8a1b2c37d4e8f90a1b2c3d4e5f8"]}
            ]
          }
        ]
      }
      """;

  public static final String MERGE_REQUEST =
      """
      {"from": ["0190f8a1b2c37d4e8f90a1b2c3d4e5f7",
                {"id": "0190f8a1b2c37d4e8f90a1b2c3d4e5f8", "version": 3}]}
      """;

  public static final String INVALID_MERGE =
      """
      {"method": "POST", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6/merge", "code": 400,
       "message": "Invalid merge request",
       "errors": [{"path": "$.from[0]", "message": "must not be the target of the merge"}]}
      """;

  public static final String SOURCE_CHANGED =
      """
      {"method": "POST", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6/merge", "code": 412,
       "message": "Entry 0190f8a1b2c37d4e8f90a1b2c3d4e5f8 has changed (it is at version 4)"}
      """;

  public static final String TARGET_CHANGED =
      """
      {"method": "POST", "uri": "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6/merge", "code": 412,
       "message": "Entry 0190f8a1b2c37d4e8f90a1b2c3d4e5f6 has changed (If-Match does not match)"}
      """;
}
