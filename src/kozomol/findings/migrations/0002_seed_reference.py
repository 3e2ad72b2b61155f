from django.db import migrations


def seed(apps, schema_editor):
    from kozomol.findings.reference import seed_reference

    seed_reference(apps.get_model("findings", "Theme"), apps.get_model("findings", "Addressee"),
                   apps.get_model("findings", "Standard"))


class Migration(migrations.Migration):
    dependencies = [("findings", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
