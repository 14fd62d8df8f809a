"""Admin editor panels that show teachers what the catalogue knows about the page being edited."""
from wagtail.admin.panels import Panel


class LicenceWarningsPanel(Panel):
    """Lists licence conflicts between a course and the resources its lessons combine."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/licence_warnings_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance.licence_report() if self.instance.pk else None
            context["report"] = report
            return context
