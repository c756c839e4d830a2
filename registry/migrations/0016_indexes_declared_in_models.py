"""The indexes made by SQL in migrations 0008 and 0011, declared in the models' Meta.

Each already exists with exactly the definition its Meta declares (the names, columns,
INCLUDE lists and conditions compare equal in ``pg_indexes``;
``tests/registry/test_schema_matches_models.py`` holds them so), so only Django's state
learns of them: no index is dropped or rebuilt on an existing database. A database built
from scratch gets them from 0008 and 0011 as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0015_related_refresh_per_statement'),
        ('spetsomraden', '0003_history'),
    ]

    operations = [migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['name_sort_sv', 'id'], name='actor_public_name_sv_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['name_sort_en', 'id'], name='actor_public_name_en_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['created_at', 'id'], name='actor_public_created_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(fields=['status'], include=('id', 'kind', 'helix_sector', 'municipality_id', 'area_numbers'), name='actor_facets_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(models.Func(models.F('name_sv'), function='portal_name_key'), name='actor_name_key_sv_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(models.Func(models.F('name_en'), function='portal_name_key'), condition=models.Q(models.Func(models.F('name_en'), models.Value(''), arg_joiner=' <> ', output_field=models.BooleanField(), template='%(expressions)s')), name='actor_name_key_en_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(models.Func(models.F('website'), function='portal_website_domain'), condition=models.Q(models.Func(models.F('website'), models.Value(''), arg_joiner=' <> ', output_field=models.BooleanField(), template='%(expressions)s')), name='actor_website_domain_idx'),
        ),
        migrations.AddIndex(
            model_name='actor',
            index=models.Index(condition=models.Q(models.Func(models.F('organisation_number'), models.Value(''), arg_joiner=' <> ', output_field=models.BooleanField(), template='%(expressions)s')), fields=['organisation_number'], name='actor_organisation_number_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['name_sort_sv', 'id'], name='project_public_name_sv_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['name_sort_en', 'id'], name='project_public_name_en_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['created_at', 'id'], name='project_public_created_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['status'], include=('funding_programme', 'start_date', 'end_date', 'area_numbers'), name='project_facets_idx'),
        ),
        migrations.AddIndex(
            model_name='supportoffer',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['name_sort_sv', 'id'], name='offer_public_name_sv_idx'),
        ),
        migrations.AddIndex(
            model_name='supportoffer',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['name_sort_en', 'id'], name='offer_public_name_en_idx'),
        ),
        migrations.AddIndex(
            model_name='supportoffer',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['created_at', 'id'], name='offer_public_created_idx'),
        ),
        migrations.AddIndex(
            model_name='supportoffer',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['kind', 'name_sort_sv', 'id'], name='offer_public_kind_name_sv_idx'),
        ),
        migrations.AddIndex(
            model_name='supportoffer',
            index=models.Index(condition=models.Q(('status__in', ('published', 'archived'))), fields=['kind', 'name_sort_en', 'id'], name='offer_public_kind_name_en_idx'),
        ),
        migrations.AddIndex(
            model_name='supportoffer',
            index=models.Index(fields=['status'], include=('actor_id', 'kind', 'cost', 'application', 'deadline', 'stages', 'languages', 'area_numbers'), name='offer_facets_idx'),
        ),
    ])]
