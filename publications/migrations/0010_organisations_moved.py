"""Organisations now belong to the organisations app: the relation points there (state only;
the tables stay as they are)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        ('publications', '0009_file_checked_in_forms'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='publication',
                    name='organisations',
                    field=models.ManyToManyField(help_text='Den eller de organisationer som ger ut publikationen.', related_name='publications', to='organisations.organisation', verbose_name='utgivande organisationer'),
                ),
            ],
        ),
    ]
