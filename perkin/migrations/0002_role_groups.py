"""One Django group per role, with the model permissions the role implies. Which unit a user
may touch comes from their UnitMembership; the group says what they may do there."""

from django.db import migrations

FACTS = {
    "perkin": ["monthlyrealisation", "evidence", "quarternarrative", "reporttext", "measurement",
               "facilitatedcompany", "surveyelementscore", "serviceindexaspect", "ratioobservation",
               "training", "staffcomposition", "agreement", "goal", "indicator", "actionplanstep",
               "unitevaluation", "evaluationcomponent"],
    "budget": ["budget", "budgetitem", "budgetrevision", "allocation", "revisionbreakdown",
               "disbursementplan", "outputrealisation", "outputnarrative", "revenueline",
               "revenuetarget", "revenuereceipt", "servicekind", "serviceoutput"],
}
ROLES = {
    "Perencana": ("view", "add", "change", "delete"),
    "PIC / ketua tim": ("view",),
    "Kepala unit": ("view",),
    "Reviewer Eselon I": ("view",),
}
PIC_CHANGE = {"perkin": ["monthlyrealisation", "evidence", "quarternarrative", "measurement",
                         "facilitatedcompany", "surveyelementscore", "serviceindexaspect", "ratioobservation"]}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{a}_{m}" for app, models in FACTS.items() for m in models for a in actions]
        if name == "PIC / ketua tim":
            codenames += [f"{a}_{m}" for app, models in PIC_CHANGE.items() for m in models for a in ("add", "change")]
        if name == "Kepala unit":
            codenames += ["change_quarterlock", "add_quarterlock", "view_quarterlock", "change_monthlyrealisation"]
        group.permissions.set(Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("perkin", "0001_initial"),
        ("budget", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
