package io.addrservice.api.openapi;

/**
 * The names of the OpenAPI components that {@link AddressBookApplication} declares, for the {@code
 * ref} of the operations that use them.
 */
public final class ComponentNames {
  /** The {@code id} path parameter. */
  public static final String ID = "id";

  /** The {@code If-Match} request header of conditional writes. */
  public static final String IF_MATCH = "If-Match";

  /** The {@code If-None-Match} request header of conditional reads. */
  public static final String IF_NONE_MATCH = "If-None-Match";

  /** The {@code ETag} response header. */
  public static final String ETAG = "ETag";

  /** The {@code Location} response header of a creation. */
  public static final String LOCATION = "Location";

  /** The {@code Link} response header to the next page. */
  public static final String LINK = "Link";

  /** The request body of POST and PUT: one entry. */
  public static final String ENTRY = "Entry";

  /** 400 for a body that is not JSON or breaks the schema. */
  public static final String INVALID_BODY = "InvalidBody";

  /** 400 for a bad query parameter. */
  public static final String INVALID_QUERY = "InvalidQuery";

  /** 404 for an unknown id. */
  public static final String ENTRY_NOT_FOUND = "EntryNotFound";

  /** 412 for an If-Match that names another version. */
  public static final String STALE_VERSION = "StaleVersion";

  /** 413 for a body over the limit. */
  public static final String BODY_TOO_LARGE = "BodyTooLarge";

  /** 415 for a media type or content coding the service does not read. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";

  /** 401 for a missing or invalid bearer token (mode jwt). */
  public static final String UNAUTHORIZED = "Unauthorized";

  /** 403 for a token without the role, or an untrusted peer in protected mode. */
  public static final String FORBIDDEN = "Forbidden";

  /** 400 for an empty or malformed If-Match or If-None-Match. */
  public static final String INVALID_CONDITION = "InvalidCondition";

  /** 422 for an Idempotency-Key used before with another entry. */
  public static final String IDEMPOTENCY_KEY_REUSED = "IdempotencyKeyReused";

  /**
   * 403 on a write: a token without the write role, an untrusted peer, or an origin the CORS
   * settings do not list (one response, as an operation has one 403).
   */
  public static final String FORBIDDEN_WRITE = "ForbiddenWrite";

  /** 406 for an Accept that names no representation the service writes. */
  public static final String NOT_ACCEPTABLE = "NotAcceptable";

  /** The {@code Card-Dropped} response header: a part of a card body that was not kept. */
  public static final String CARD_DROPPED = "Card-Dropped";

  private ComponentNames() {}
}
