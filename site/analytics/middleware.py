"""Tells the beacon tag the status of the response it is rendered into."""

from django.http import HttpRequest


class ResponseStatusMiddleware:
    """Notes a TemplateResponse's status on the request before it is rendered.

    A template cannot see its response's status, and a lesson that is still locked
    renders its page with 403: that must not count as a view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_template_response(self, request: HttpRequest, response):
        request.analytics_status = response.status_code
        return response
