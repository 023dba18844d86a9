"""Organisations move here from the programmes app. The table is kept as it is (renamed in
0002), the content type is renamed, so permissions, admin log entries and search documents
follow it, and the versions in the history name the new model, so they can still be compared
and reverted."""

import django.db.models.deletion
import uploads.names
from django.conf import settings
from django.db import migrations, models


def moved(app_label, other_label):
    def move(apps, schema_editor):
        alias = schema_editor.connection.alias
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
        if content_types.filter(app_label=app_label, model="organisation").exists():
            return
        content_types.filter(app_label=other_label, model="organisation").update(
            app_label=app_label
        )
        old, new = f'"{other_label}.organisation"', f'"{app_label}.organisation"'
        versions = apps.get_model("reversion", "Version").objects.using(alias)
        for version in versions.filter(
            content_type__app_label=app_label, content_type__model="organisation"
        ):
            version.serialized_data = version.serialized_data.replace(old, new)
            version.save(update_fields=["serialized_data"])

    return move



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('geography', '0001_initial'),
        ('programmes', '0008_logo_checked_in_forms'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='senast ändrad')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='namn')),
                        ('short_name', models.CharField(blank=True, help_text='Används i listor och menyer, t.ex. ”Länsstyrelsen Stockholm”.', max_length=60, verbose_name='kort namn')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='kortnamn i adressen')),
                        ('kind', models.CharField(choices=[('county_board', 'Länsstyrelse'), ('national_agency', 'Statlig myndighet'), ('region', 'Region'), ('municipality', 'Kommun'), ('network', 'Nätverk eller förening'), ('government', 'Regering och riksdag'), ('eu_body', 'EU-organ')], max_length=30, verbose_name='typ')),
                        ('website', models.URLField(blank=True, verbose_name='webbplats')),
                        ('description', models.TextField(blank=True, help_text='Visas på organisationens sida. Rubriker, stycken, listor, länkar, fetstil och kursiv; annan formatering tas bort när du sparar.', verbose_name='beskrivning')),
                        ('logo', models.FileField(blank=True, help_text='PNG eller JPEG.', upload_to=uploads.names.logo_upload_to, verbose_name='logotyp')),
                        ('county', models.ForeignKey(blank=True, help_text='Det län organisationen verkar i, om den är regional.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organisations', to='geography.county', verbose_name='län')),
                        ('editors', models.ManyToManyField(blank=True, help_text='Användare som får skapa, ändra, publicera och ta bort organisationens innehåll.', related_name='editor_organisations', to=settings.AUTH_USER_MODEL, verbose_name='redaktörer')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='organisations.organisation', verbose_name='överordnad organisation')),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'verbose_name_plural': 'organisationer',
                        'ordering': ['name'],
                        'indexes': [models.Index(fields=['kind'], name='programmes__kind_9b16c5_idx')],
                        'db_table': 'programmes_organisation',
                    },
                ),
            ],
        ),
        migrations.RunPython(
            moved("organisations", "programmes"), moved("programmes", "organisations")
        ),
    ]
