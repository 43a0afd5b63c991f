from django.db import migrations


def give_every_user_a_profile(apps, schema_editor):
    from accounts.pseudonyms import candidates

    User = apps.get_model("auth", "User")
    Profile = apps.get_model("accounts", "Profile")
    users = User.objects.filter(profile__isnull=True)
    free = candidates(set(Profile.objects.values_list("pseudonym", flat=True)))
    Profile.objects.bulk_create(Profile(user=user, pseudonym=next(free)) for user in users)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(give_every_user_a_profile, migrations.RunPython.noop)]
