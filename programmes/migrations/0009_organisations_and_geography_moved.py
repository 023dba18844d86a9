"""Organisations, counties and municipalities now belong to the organisations and geography
apps (their 0001 migrations take over the tables): the relations point there and the models
leave this app's state. Nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0005_organisations_and_geography_moved'),
        ('geography', '0001_initial'),
        ('organisations', '0001_initial'),
        ('programmes', '0008_logo_checked_in_forms'),
        ('publications', '0010_organisations_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='organisation',
                    name='county',
                ),
                migrations.RemoveField(
                    model_name='municipality',
                    name='county',
                ),
                migrations.RemoveField(
                    model_name='organisation',
                    name='editors',
                ),
                migrations.RemoveField(
                    model_name='organisation',
                    name='parent',
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='commissioned_by',
                    field=models.ForeignKey(blank=True, help_text='Den som gav uppdraget, t.ex. Regeringen.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commissioned_programmes', to='organisations.organisation', verbose_name='uppdragsgivare'),
                ),
                migrations.AlterField(
                    model_name='contact',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contacts', to='organisations.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='focusareaset',
                    name='organisation',
                    field=models.ForeignKey(blank=True, help_text='Organisationen vars arbetsområden eller strategi det gäller.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='focus_area_sets', to='organisations.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='programmes', to='organisations.organisation', verbose_name='ansvarig organisation'),
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='funders',
                    field=models.ManyToManyField(blank=True, help_text='Organisationer som finansierar arbetet, t.ex. Tillväxtverket.', related_name='funded_programmes', to='organisations.organisation', verbose_name='finansiärer'),
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='municipalities',
                    field=models.ManyToManyField(blank=True, related_name='programmes', to='geography.municipality', verbose_name='deltagande kommuner'),
                ),
                migrations.DeleteModel(
                    name='County',
                ),
                migrations.DeleteModel(
                    name='Municipality',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
            ],
        ),
    ]
