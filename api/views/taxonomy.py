"""The vocabularies behind the filters: `/api/v1/topics/` (a tree), resource types, audiences, levels, languages, licences."""
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound

from catalog.models import Audience, EducationalLevel, Language, Licence, ResourceType, Topic

from ..serializers.search import ErrorSerializer
from ..serializers.taxonomy import (
    LanguageSerializer,
    LicenceSerializer,
    TermSerializer,
    TopicNodeSerializer,
    TopicSerializer,
    language,
    licence,
    term,
    topic_payload,
    topic_tree,
)
from .catalogue import CONDITIONAL_PARAMETERS, NOT_ACCEPTABLE, NOT_MODIFIED, VocabularyView

TERM_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No term with this value (`not_found`).")


def vocabulary_schema(operation_id, summary, serializer, *, many=True, path=None, description=""):
    parameters = [*CONDITIONAL_PARAMETERS]
    if path:
        parameters.insert(0, OpenApiParameter("value", str, location=OpenApiParameter.PATH, description=path))
    responses = {200: serializer(many=many), 304: NOT_MODIFIED, 406: NOT_ACCEPTABLE}
    if path:
        responses[404] = TERM_NOT_FOUND
    return extend_schema(operation_id=operation_id, summary=summary, description=description,
                         parameters=parameters, responses=responses, tags=["vocabularies"])


class TopicTreeView(VocabularyView):
    serializer_class = TopicNodeSerializer

    def load(self):
        return topic_tree(Topic.objects.all())

    @vocabulary_schema("topics_list", "Topics as a tree", TopicNodeSerializer,
                       description="Root topics with their `children`, in display order. Filtering by a topic "
                                   "(`topic=`) also finds pages filed under the topics below it.")
    def get(self, request):
        return super().get(request)


class TopicDetailView(VocabularyView):
    serializer_class = TopicSerializer
    many = False

    def load(self, value):
        topics = {topic.pk: topic for topic in Topic.objects.all()}
        found = next((topic for topic in topics.values() if topic.slug == value), None)
        if found is None:
            raise NotFound()
        return topic_payload(found, topics)

    @vocabulary_schema("topics_retrieve", "One topic with its ancestors and children", TopicSerializer,
                       many=False, path="The topic's slug (`value`).")
    def get(self, request, value):
        return super().get(request, value=value)


class ResourceTypeListView(VocabularyView):
    serializer_class = TermSerializer

    def load(self):
        return [term(item) for item in ResourceType.objects.all()]

    @vocabulary_schema("resource_types_list", "Resource types (HCRT)", TermSerializer)
    def get(self, request):
        return super().get(request)


class AudienceListView(VocabularyView):
    serializer_class = TermSerializer

    def load(self):
        return [term(item) for item in Audience.objects.all()]

    @vocabulary_schema("audiences_list", "Audiences", TermSerializer)
    def get(self, request):
        return super().get(request)


class LevelListView(VocabularyView):
    serializer_class = TermSerializer

    def load(self):
        return [term(item) for item in EducationalLevel.objects.all()]

    @vocabulary_schema("levels_list", "Educational levels", TermSerializer)
    def get(self, request):
        return super().get(request)


class LanguageListView(VocabularyView):
    serializer_class = LanguageSerializer

    def load(self):
        return [language(item) for item in Language.objects.all()]

    @vocabulary_schema("languages_list", "Content languages", LanguageSerializer)
    def get(self, request):
        return super().get(request)


class LicenceListView(VocabularyView):
    serializer_class = LicenceSerializer

    def load(self):
        return [licence(item) for item in Licence.objects.all()]

    @vocabulary_schema("licences_list", "Licences with their reuse flags", LicenceSerializer,
                       description="Every licence the hub knows; only those with `open: true` can be chosen "
                                   "for materials.")
    def get(self, request):
        return super().get(request)


class LicenceDetailView(VocabularyView):
    serializer_class = LicenceSerializer
    many = False

    def load(self, value):
        found = Licence.objects.filter(slug=value).first()
        if found is None:
            raise NotFound()
        return licence(found)

    @vocabulary_schema("licences_retrieve", "One licence", LicenceSerializer, many=False,
                       path="The licence's slug (`value`), e.g. cc-by-sa-4.0.")
    def get(self, request, value):
        return super().get(request, value=value)
