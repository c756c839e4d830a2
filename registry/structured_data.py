"""schema.org descriptions of entries, for the JSON-LD block of their detail pages."""


def _url(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _place(actor) -> dict:
    address = {"@type": "PostalAddress", "addressRegion": "Stockholms län", "addressCountry": "SE"}
    if actor.street_address:
        address["streetAddress"] = actor.street_address
    if actor.postal_code:
        address["postalCode"] = actor.postal_code
    address["addressLocality"] = actor.postal_town or actor.municipality.name
    return address


def actor_jsonld(actor, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": _url(request, actor.get_absolute_url()),
        "url": _url(request, actor.get_absolute_url()),
        "name": str(actor.name),
        "address": _place(actor),
        "areaServed": {"@type": "AdministrativeArea", "name": "Stockholms län"},
    }
    if actor.description:
        data["description"] = str(actor.description)
    if actor.website:
        data["sameAs"] = [actor.website]
    if actor.logo:
        data["logo"] = _url(request, actor.logo.url)
    contact = {}
    if actor.email:
        contact["email"] = actor.email
    if actor.phone:
        contact["telephone"] = actor.phone
    if contact:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "customer support",
            **contact,
        }
    if actor.organisation_number:
        data["taxID"] = f"{actor.organisation_number[:6]}-{actor.organisation_number[6:]}"
    if actor.latitude is not None and actor.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(actor.latitude),
            "longitude": float(actor.longitude),
        }
    return data


def offer_jsonld(offer, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": _url(request, offer.get_absolute_url()),
        "url": _url(request, offer.get_absolute_url()),
        "name": str(offer.name),
        "serviceType": offer.get_kind_display(),
        "provider": {
            "@type": "Organization",
            "name": str(offer.actor.name),
            "url": _url(request, offer.actor.get_absolute_url()),
        },
        "areaServed": {"@type": "AdministrativeArea", "name": "Stockholms län"},
        "audience": {"@type": "BusinessAudience", "name": ", ".join(offer.get_stage_labels())},
        "availableLanguage": list(offer.languages),
    }
    if offer.description:
        data["description"] = str(offer.description)
    if offer.link:
        data["sameAs"] = [offer.link]
    return data


def project_jsonld(project, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchProject",
        "@id": _url(request, project.get_absolute_url()),
        "url": _url(request, project.get_absolute_url()),
        "name": str(project.name),
        "funder": {"@type": "Organization", "name": project.get_funding_programme_display()},
        "foundingDate": project.start_date.isoformat(),
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    if project.end_date:
        data["dissolutionDate"] = project.end_date.isoformat()
    if project.description:
        data["description"] = str(project.description)
    if project.website:
        data["sameAs"] = [project.website]
    members = []
    for participation in project.participations.all():
        member = {"@type": "Organization", "name": str(participation.organisation)}
        if participation.actor_id:
            member["url"] = _url(request, participation.actor.get_absolute_url())
        members.append(member)
    if members:
        data["member"] = members
    return data
