package io.addrservice.api.http;

/** An anonymous request from a peer that protected mode does not serve (403). */
public class AnonymousRemoteException extends RuntimeException {
  /** The message, naming the two ways out: short enough to be the status line's reason phrase. */
  public static final String MESSAGE =
      "Anonymous access is for local peers only: turn on tokens with addrservice.auth.mode=jwt,"
          + " or serve every peer with addrservice.auth.allow-anonymous-remote=true";

  AnonymousRemoteException() {
    super(MESSAGE, null, false, false);
  }
}
