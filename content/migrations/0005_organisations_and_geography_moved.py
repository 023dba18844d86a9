"""Organisations and municipalities now belong to the organisations and geography apps: the
relations point there (state only; the tables stay as they are)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0004_rich_text'),
        ('geography', '0001_initial'),
        ('organisations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='contentpage',
                    name='organisation',
                    field=models.ForeignKey(blank=True, help_text='Lämna tomt för sidor om webbplatsen själv, till exempel tillgänglighetsredogörelsen.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='pages', to='organisations.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='municipality',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='geography.municipality', verbose_name='ort'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='organisers',
                    field=models.ManyToManyField(related_name='events', to='organisations.organisation', verbose_name='arrangörer'),
                ),
                migrations.AlterField(
                    model_name='newsitem',
                    name='municipalities',
                    field=models.ManyToManyField(blank=True, related_name='news_items', to='geography.municipality', verbose_name='kommuner'),
                ),
                migrations.AlterField(
                    model_name='newsitem',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='news_items', to='organisations.organisation', verbose_name='organisation'),
                ),
            ],
        ),
    ]
