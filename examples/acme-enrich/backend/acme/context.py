"""Who is acting, in which workspace: built by the app from the session, passed to services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import HTTPException, Request


@dataclass(frozen=True)
class RequestContext:
    workspace_id: str
    user_id: str
    plan_tier: str
    user_role: str
    platform: str
    workspace_created_at: datetime

    def hours_since_signup(self, now: datetime) -> int:
        return int((now - self.workspace_created_at).total_seconds() // 3600)


def context_for(request: Request) -> RequestContext:
    """The acting user and workspace, from the session the auth middleware attached."""
    session = request.scope.get("session")
    if not session:
        raise HTTPException(status_code=401)
    return RequestContext(
        workspace_id=session["workspace_id"],
        user_id=session["user_id"],
        plan_tier=session["plan_tier"],
        user_role=session["user_role"],
        platform="public_api" if request.url.path.startswith("/v2/") else "web_app",
        workspace_created_at=datetime.fromisoformat(session["workspace_created_at"]),
    )
