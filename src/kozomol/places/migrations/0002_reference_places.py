from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kozomol.places.reference import load_reference_places

    load_reference_places(apps.get_model("places", "Location"))


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
