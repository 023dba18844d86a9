"""Counties and municipalities move here from the programmes app. Their tables are kept as
they are (renamed in 0002) and their content types are renamed, so permissions and admin log
entries follow them."""

import django.db.models.deletion
from django.db import migrations, models


MODELS = ["county", "municipality"]


def content_types_to(app_label, other_label):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(
            schema_editor.connection.alias
        )
        for model in MODELS:
            if not content_types.filter(app_label=app_label, model=model).exists():
                content_types.filter(app_label=other_label, model=model).update(
                    app_label=app_label
                )

    return rename



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('programmes', '0008_logo_checked_in_forms'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='County',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='T.ex. Stockholms län.', max_length=100, unique=True, verbose_name='namn')),
                        ('slug', models.SlugField(max_length=100, unique=True, verbose_name='kortnamn i adressen')),
                    ],
                    options={
                        'verbose_name': 'län',
                        'verbose_name_plural': 'län',
                        'ordering': ['name'],
                        'db_table': 'programmes_county',
                    },
                ),
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='Kommunens namn utan ”kommun”, t.ex. Flen.', max_length=100, unique=True, verbose_name='namn')),
                        ('slug', models.SlugField(max_length=100, unique=True, verbose_name='kortnamn i adressen')),
                        ('county', models.ForeignKey(blank=True, help_text='Lämna tomt om länet inte är känt.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='municipalities', to='geography.county', verbose_name='län')),
                    ],
                    options={
                        'verbose_name': 'kommun',
                        'verbose_name_plural': 'kommuner',
                        'ordering': ['name'],
                        'db_table': 'programmes_municipality',
                    },
                ),
            ],
        ),
        migrations.RunPython(
            content_types_to("geography", "programmes"), content_types_to("programmes", "geography")
        ),
    ]
