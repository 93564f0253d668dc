"""Webhooks: the endpoints a hub registers, their delivery log, sending deliveries again."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Query, Request, Response

from api.routers.access import HUB_ADMIN, CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.conditional import etag, expected_version
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import IsoInstant, Page
from api.schemas.webhooks import (
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointIssued,
    WebhookEndpointUpdate,
    WebhookRedelivered,
    WebhookRedelivery,
)
from api.services import webhooks

router = FeatureRouter(prefix="/webhooks", tags=["webhooks"])

EndpointId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _rules(request: Request) -> webhooks.Rules:
    environment = request.app.state.settings.environment
    return webhooks.Rules(
        allow_http=environment == "development",
        allow_private=environment in ("development", "test"),
    )


def _issued(issued: webhooks.Issued, response: Response) -> WebhookEndpointIssued:
    response.headers["ETag"] = etag(issued.endpoint.id, issued.endpoint.version)
    return WebhookEndpointIssued.model_validate(
        {**WebhookEndpoint.model_validate(issued.endpoint).model_dump(), "secret": issued.secret}
    )


@router.get("/endpoints", **access(HUB_ADMIN, 422))
def list_webhook_endpoints(
    session: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[WebhookEndpoint]:
    """Your hub's endpoints (every hub's for national administrators), newest first."""
    rows, next_cursor = webhooks.list_endpoints(
        session, signed_in(principal), cursor=cursor, limit=limit
    )
    return Page[WebhookEndpoint](
        items=[WebhookEndpoint.model_validate(r) for r in rows], next_cursor=next_cursor
    )


@router.post("/endpoints", status_code=201, **access(HUB_ADMIN, 422))
def register_webhook_endpoint(
    session: DbSession,
    principal: CurrentPrincipal,
    body: WebhookEndpointCreate,
    request: Request,
    response: Response,
    now: Now,
) -> WebhookEndpointIssued:
    """Register an endpoint for the events you name; its signing secret is in this response only."""
    issued = webhooks.register(session, signed_in(principal), body, rules=_rules(request), now=now)
    response.headers["Location"] = f"/api/v1/webhooks/endpoints/{issued.endpoint.id}"
    return _issued(issued, response)


@router.get("/endpoints/{endpoint_id}", **access(HUB_ADMIN, 404, 422, own_hub_only=True))
def get_webhook_endpoint(
    session: DbSession, principal: CurrentPrincipal, endpoint_id: EndpointId, response: Response
) -> WebhookEndpoint:
    """One endpoint (its secret is never shown again)."""
    endpoint = webhooks.get(session, signed_in(principal), endpoint_id)
    response.headers["ETag"] = etag(endpoint.id, endpoint.version)
    return WebhookEndpoint.model_validate(endpoint)


@router.patch(
    "/endpoints/{endpoint_id}", **access(HUB_ADMIN, 404, 409, 412, 422, 428, own_hub_only=True)
)
def update_webhook_endpoint(
    session: DbSession,
    principal: CurrentPrincipal,
    endpoint_id: EndpointId,
    body: WebhookEndpointUpdate,
    request: Request,
    response: Response,
    now: Now,
    if_match: Annotated[
        str | None, Header(max_length=1000, description="The ETag from your last read")
    ] = None,
) -> WebhookEndpoint:
    """Change an endpoint you have read (If-Match): its address, events, or whether it is on."""
    endpoint = webhooks.update(
        session,
        signed_in(principal),
        endpoint_id,
        body,
        expected_version=expected_version(if_match, endpoint_id),
        rules=_rules(request),
        now=now,
    )
    response.headers["ETag"] = etag(endpoint.id, endpoint.version)
    return WebhookEndpoint.model_validate(endpoint)


@router.delete(
    "/endpoints/{endpoint_id}", status_code=204, **access(HUB_ADMIN, 404, 422, own_hub_only=True)
)
def delete_webhook_endpoint(
    session: DbSession, principal: CurrentPrincipal, endpoint_id: EndpointId
) -> Response:
    """Remove an endpoint and its delivery log."""
    webhooks.remove(session, signed_in(principal), endpoint_id)
    return Response(status_code=204)


@router.post("/endpoints/{endpoint_id}/secret", **access(HUB_ADMIN, 404, 422, own_hub_only=True))
def rotate_webhook_secret(
    session: DbSession,
    principal: CurrentPrincipal,
    endpoint_id: EndpointId,
    response: Response,
    now: Now,
) -> WebhookEndpointIssued:
    """A new signing secret; the old one signs too for a day, while receivers change over."""
    issued = webhooks.rotate_secret(session, signed_in(principal), endpoint_id, now=now)
    return _issued(issued, response)


@router.get("/endpoints/{endpoint_id}/deliveries", **access(HUB_ADMIN, 404, 422, own_hub_only=True))
def list_webhook_deliveries(
    session: DbSession,
    principal: CurrentPrincipal,
    endpoint_id: EndpointId,
    since: Annotated[IsoInstant | None, Query(description="Made at or after this")] = None,
    until: Annotated[IsoInstant | None, Query(description="Made before this")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[WebhookDelivery]:
    """The endpoint's deliveries of the last 30 days, newest first, each with its attempts."""
    items, next_cursor = webhooks.deliveries(
        session,
        signed_in(principal),
        endpoint_id,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )
    return Page[WebhookDelivery](items=items, next_cursor=next_cursor)


@router.post(
    "/endpoints/{endpoint_id}/redeliveries",
    **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True),
)
def redeliver_webhook_range(
    session: DbSession,
    principal: CurrentPrincipal,
    endpoint_id: EndpointId,
    body: WebhookRedelivery,
    now: Now,
) -> WebhookRedelivered:
    """Send again every delivery made in a time range, from the first attempt."""
    count = webhooks.send_range_again(session, signed_in(principal), endpoint_id, body, now=now)
    return WebhookRedelivered(count=count)


@router.post(
    "/deliveries/{delivery_id}/redelivery",
    **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True),
)
def redeliver_webhook(
    session: DbSession,
    principal: CurrentPrincipal,
    delivery_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    now: Now,
) -> WebhookDelivery:
    """Send one delivery again, now, from the first attempt."""
    return webhooks.send_delivery_again(session, signed_in(principal), delivery_id, now=now)
