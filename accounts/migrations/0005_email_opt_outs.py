"""Email preferences become a list of the kinds each member has stopped
(accounts.email_preferences); the reply-email switch carries over."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REPLIES = "replies"


def carry_over_reply_switch(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    EmailOptOut = apps.get_model("accounts", "EmailOptOut")
    EmailOptOut.objects.bulk_create(
        EmailOptOut(user_id=user_id, kind=REPLIES)
        for user_id in Profile.objects.filter(notify_replies=False).values_list("user_id", flat=True)
    )


def carry_back_reply_switch(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    EmailOptOut = apps.get_model("accounts", "EmailOptOut")
    stopped = EmailOptOut.objects.filter(kind=REPLIES).values("user_id")
    Profile.objects.filter(user_id__in=stopped).update(notify_replies=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EmailOptOut",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="email_opt_outs",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("user", "kind"), name="one_opt_out_per_kind")
                ],
            },
        ),
        migrations.RunPython(carry_over_reply_switch, carry_back_reply_switch),
        migrations.RemoveField(model_name="profile", name="notify_replies"),
    ]
