import { afterEach, describe, expect, it } from "vitest";
import { CSRF_HEADER, csrfMiddleware, rememberSession } from "./client";

async function send(method: string): Promise<Request> {
  const request = new Request("http://localhost/api/v1/api-keys", { method });
  const onRequest = csrfMiddleware.onRequest;
  if (!onRequest) throw new Error("the CSRF middleware has no onRequest");
  const result = await onRequest({
    request,
    schemaPath: "/api/v1/api-keys",
    params: {},
    id: "1",
    options: {} as Parameters<typeof onRequest>[0]["options"],
  });
  return result instanceof Request ? result : request;
}

describe("csrfMiddleware", () => {
  afterEach(() => {
    rememberSession(null);
  });

  it("sends the session's token on unsafe requests", async () => {
    rememberSession({ csrf_token: "abc" });
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      expect((await send(method)).headers.get(CSRF_HEADER)).toBe("abc");
    }
  });

  it("leaves safe requests alone", async () => {
    rememberSession({ csrf_token: "abc" });
    expect((await send("GET")).headers.get(CSRF_HEADER)).toBeNull();
  });

  it("sends nothing when nobody is signed in", async () => {
    rememberSession({ csrf_token: "abc" });
    rememberSession(null);
    expect((await send("POST")).headers.get(CSRF_HEADER)).toBeNull();
  });
});
