from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from operations import problems
from operations.health import readiness


@never_cache
@require_safe
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so it stays cheap."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Readiness: database, broker and cache reachable; 503 with the reasons if not."""
    checks = readiness()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


class BackgroundProblemsView(WagtailAdminTemplateMixin, TemplateView):
    """Failed sends and retries per run, and Celery task failures and retries."""

    template_name = "operations/background_problems.html"
    page_title = gettext_lazy("Fouten in de achtergrond")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_problems(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "runs": problems.runs_with_problems(),
            "task_problems": problems.recent_task_problems(),
        }


def can_see_problems(user) -> bool:
    return user.is_active and user.has_perm("operations.view_taskproblem")
