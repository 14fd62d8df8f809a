"""Seed vocabularies from data/vocabularies.json and replace Wagtail's welcome page with the hub's home page."""
from django.db import migrations


def seed_vocabularies(apps, schema_editor):
    from catalog.vocabularies import sync_vocabularies

    sync_vocabularies(apps.get_model)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("catalog", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="catalog")
    locale = Locale.objects.first()
    root = Page.objects.get(depth=1)
    # The first child path of the root under treebeard's materialised path (steplen 4).
    home = HomePage.objects.create(
        title="Kho học liệu mở GDTX",
        draft_title="Kho học liệu mở GDTX",
        slug="trang-chu",
        content_type=home_type,
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=locale,
        live=True,
        intro="Học liệu mở cho giáo dục thường xuyên: xóa mù chữ, kỹ năng sống, ngoại ngữ, tin học và bồi dưỡng ngắn hạn.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Kho học liệu mở GDTX", "port": 80},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_vocabularies, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
    ]
