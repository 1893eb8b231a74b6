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
}
